"""Belgian first and last names per language, for demo citizens and agents."""

from __future__ import annotations


def _names(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|"))


FIRST_NAMES_MALE: dict[str, tuple[str, ...]] = {
    "fr": _names(
        "Jean|Pierre|Michel|Philippe|Alain|Marc|Luc|Patrick|Christian|Daniel|Jacques|"
        "André|Didier|Olivier|Thierry|Vincent|Nicolas|Julien|Maxime|Antoine|Thomas|"
        "Quentin|Guillaume|François|Benoît|Sébastien|Frédéric|Laurent|Stéphane|Cédric|"
        "Hugo|Louis|Arthur|Noah|Mathis|Romain|Jérôme|Grégory|Yves|Claude|Mehdi|Karim"
    ),
    "nl": _names(
        "Jan|Peter|Marc|Luc|Dirk|Koen|Bart|Tom|Wim|Geert|Johan|Kris|Steven|Pieter|Jef|"
        "Jozef|Frank|Patrick|Filip|Stijn|Joris|Wouter|Jens|Thomas|Lars|Arne|Ruben|Sander|"
        "Bram|Jonas|Lucas|Mathias|Dries|Karel|Herman|Rik|Ward|Robbe|Senne|Yusuf"
    ),
    "de": _names(
        "Hans|Josef|Peter|Klaus|Jürgen|Stefan|Michael|Andreas|Thomas|Markus|Christian|"
        "Jonas|Lukas|Tobias|Matthias|Helmut|Werner"
    ),
}

FIRST_NAMES_FEMALE: dict[str, tuple[str, ...]] = {
    "fr": _names(
        "Marie|Anne|Isabelle|Nathalie|Sophie|Catherine|Christine|Françoise|Martine|"
        "Monique|Véronique|Sylvie|Valérie|Céline|Julie|Aurélie|Caroline|Sandrine|"
        "Laetitia|Émilie|Camille|Manon|Chloé|Léa|Sarah|Laura|Charlotte|Pauline|Justine|"
        "Amandine|Hélène|Brigitte|Danielle|Josiane|Fatima|Nadia|Inès|Louise|Margaux|"
        "Élise"
    ),
    "nl": _names(
        "An|Els|Katrien|Sofie|Lieve|Hilde|Greet|Veerle|Marleen|Inge|Ann|Nathalie|Sarah|"
        "Lotte|Eline|Hanne|Lien|Fien|Marie|Emma|Julie|Laura|Evelien|Annelies|Kathleen|"
        "Martine|Rita|Godelieve|Mieke|Nele|Tine|Leen|Jolien|Femke|Lore|Elke|Ilse|Yasmina"
    ),
    "de": _names(
        "Anna|Maria|Monika|Sabine|Petra|Claudia|Andrea|Julia|Katharina|Lena|Sandra|"
        "Birgit|Ursula|Christa|Nicole|Sarah"
    ),
}

LAST_NAMES: dict[str, tuple[str, ...]] = {
    "fr": _names(
        "Dubois|Lambert|Dupont|Martin|Simon|Laurent|Leclercq|Renard|Dumont|Lefèbvre|"
        "François|Mathieu|Collard|Henry|Denis|Lejeune|Gérard|Legrand|Charlier|Fontaine|"
        "Lemaire|Gilson|Thiry|Masson|Bodart|Delvaux|Piette|Hubert|Jacquet|Marchal|Noël|"
        "Remy|Pirard|Lecomte|Rousseau|Wathelet|Deprez|Baudouin|Gillet|Michaux|Hardy|"
        "Leroy|Dethier|Closset|Delhaye|Bertrand|Moreau|Barbier|Nicolay|Mertens|Cornet|"
        "El Amrani|Benali|Rossi|Lopez"
    ),
    "nl": _names(
        "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|"
        "Dubois|Hermans|Aerts|Pauwels|Michiels|Vermeulen|De Clercq|Van Damme|Claeys|"
        "Declercq|Verstraete|Van de Velde|Segers|Martens|Desmet|Lemmens|Verhoeven|"
        "Van den Broeck|De Backer|Smets|Coppens|Stevens|Wuyts|Vandenberghe|De Vos|Cools|"
        "Bogaert|Verbeke|Van Acker|Vermeersch|Geerts|Heylen|Engelen|Van Hoof|Baeten|"
        "Slegers|De Wilde|Vanhove|Yilmaz|Öztürk"
    ),
    "de": _names(
        "Schmitz|Kessler|Cremer|Heinen|Mreyen|Lentz|Collas|Jost|Pankert|Maraite|Küpper|"
        "Thomé|Kohnen|Backes|Weynand|Palm|Schröder|Lambertz|Hilgers|Arens"
    ),
}
