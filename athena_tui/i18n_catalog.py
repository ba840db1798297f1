"""French and Dutch translations of the interface strings, keyed by the English source."""

from __future__ import annotations

# French follows the manual's own words (dossier de contact, libérer, scinder...); Dutch the
# Belgian federal administration's (contactdossier, vrijgeven, INSZ...). Footer labels stay
# short: the footer of an 80-column terminal holds a dozen keys. Grouped by screen, in the
# order the strings appear; tests/test_i18n.py checks coverage, placeholders and staleness.
CATALOG: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ app
    "Help": {"fr": "Aide", "nl": "Help"},
    "Show the keys of this screen and the support contact": {
        "fr": "Afficher les touches de cet écran et le contact du support",
        "nl": "Toon de toetsen van dit scherm en het supportcontact",
    },
    "Quit": {"fr": "Quitter", "nl": "Stoppen"},
    "Quit Athena": {"fr": "Quitter Athena", "nl": "Athena afsluiten"},
    "The server no longer accepts this session.": {
        "fr": "Le serveur n'accepte plus cette session.",
        "nl": "De server aanvaardt deze sessie niet meer.",
    },
    "{reason} Log in again; your drafts are kept.": {
        "fr": "{reason} Reconnectez-vous; vos brouillons sont conservés.",
        "nl": "{reason} Meld u opnieuw aan; uw ontwerpen blijven bewaard.",
    },
    "Session expired": {"fr": "Session expirée", "nl": "Sessie verlopen"},
    "Key": {"fr": "Touche", "nl": "Toets"},
    "Athena Centre de Contact": {"fr": "Athena Centre de Contact", "nl": "Athena Contactcenter"},
    "Athena Gestion de Dossiers": {
        "fr": "Athena Gestion de Dossiers",
        "nl": "Athena Dossierbeheer",
    },
    # ------------------------------------------------------------------ shared words
    "Back": {"fr": "Retour", "nl": "Terug"},
    "Reload": {"fr": "Recharger", "nl": "Herladen"},
    "Cancel": {"fr": "Annuler", "nl": "Annuleren"},
    "Close": {"fr": "Fermer", "nl": "Sluiten"},
    "Continue": {"fr": "Continuer", "nl": "Doorgaan"},
    "Filter": {"fr": "Filtrer", "nl": "Filteren"},
    "Filter…": {"fr": "Filtrer…", "nl": "Filteren…"},
    "Nothing matches": {"fr": "Aucun résultat", "nl": "Geen resultaat"},
    "Citizen": {"fr": "Citoyen", "nl": "Burger"},
    "Citizen: {name}": {"fr": "Citoyen: {name}", "nl": "Burger: {name}"},
    "Priority": {"fr": "Priorité", "nl": "Prioriteit"},
    "Status": {"fr": "Statut", "nl": "Status"},
    "High": {"fr": "Haute", "nl": "Hoog"},
    "Medium": {"fr": "Moyenne", "nl": "Gemiddeld"},
    "Low": {"fr": "Basse", "nl": "Laag"},
    "New": {"fr": "Nouveau", "nl": "Nieuw"},
    "Assigned": {"fr": "Assigné", "nl": "Toegewezen"},
    "Waiting": {"fr": "En attente", "nl": "In wacht"},
    "Closed": {"fr": "Clôturé", "nl": "Afgesloten"},
    "Group": {"fr": "Groupe", "nl": "Groep"},
    "group queue": {"fr": "groupe", "nl": "groep"},
    "No contact files": {"fr": "Aucun dossier de contact", "nl": "Geen contactdossiers"},
    # ------------------------------------------------------------------ file table
    "Ticket": {"fr": "Ticket", "nl": "Ticket"},
    "Subject": {"fr": "Objet", "nl": "Onderwerp"},
    "Channel": {"fr": "Canal", "nl": "Kanaal"},
    "Encoded by": {"fr": "Encodé par", "nl": "Ingevoerd door"},
    "Assignee": {"fr": "Assigné à", "nl": "Behandelaar"},
    "Age": {"fr": "Âge", "nl": "Duur"},
    # Table cells are 8 columns wide: the longer Dutch words are abbreviated.
    "high": {"fr": "haute", "nl": "hoog"},
    "medium": {"fr": "moyenne", "nl": "gemidd."},
    "low": {"fr": "basse", "nl": "laag"},
    "new": {"fr": "nouveau", "nl": "nieuw"},
    "assigned": {"fr": "assigné", "nl": "toegew."},
    "waiting": {"fr": "attente", "nl": "in wacht"},
    "closed": {"fr": "clôturé", "nl": "afgesl."},
    # ------------------------------------------------------------------ status line
    "live": {"fr": "en ligne", "nl": "online"},
    "reconnecting": {"fr": "reconnexion", "nl": "herverbinden"},
    "offline": {"fr": "hors ligne", "nl": "offline"},
    "last sync": {"fr": "dernière synchro", "nl": "laatste sync"},
    "never": {"fr": "jamais", "nl": "nooit"},
    "{count} queued": {"fr": "{count} en attente d'envoi", "nl": "{count} in wachtrij"},
    "{count} refused": {"fr": "{count} refusée(s)", "nl": "{count} geweigerd"},
    "Previous button": {"fr": "Bouton précédent", "nl": "Vorige knop"},
    "Next button": {"fr": "Bouton suivant", "nl": "Volgende knop"},
    "Quit Athena?": {"fr": "Quitter Athena ?", "nl": "Athena afsluiten?"},
    "Stay": {"fr": "Rester", "nl": "Blijven"},
    "{count} action waits for the connection; it is sent at the next start.": {
        "fr": "{count} action attend la connexion ; elle sera envoyée au prochain démarrage.",
        "nl": "{count} actie wacht op de verbinding; ze wordt bij de volgende start verstuurd.",
    },
    "{count} actions wait for the connection; they are sent at the next start.": {
        "fr": (
            "{count} actions attendent la connexion ; elles seront envoyées au prochain démarrage."
        ),
        "nl": "{count} acties wachten op de verbinding; ze worden bij de volgende start verstuurd.",
    },
    "{count} action was refused by the server and is not done.": {
        "fr": "{count} action a été refusée par le serveur et n'est pas faite.",
        "nl": "{count} actie werd door de server geweigerd en is niet uitgevoerd.",
    },
    "{count} actions were refused by the server and are not done.": {
        "fr": "{count} actions ont été refusées par le serveur et ne sont pas faites.",
        "nl": "{count} acties werden door de server geweigerd en zijn niet uitgevoerd.",
    },
    "{count} reply draft is kept for next time.": {
        "fr": "{count} brouillon de réponse est conservé pour la prochaine fois.",
        "nl": "{count} conceptantwoord wordt bewaard voor de volgende keer.",
    },
    "{count} reply drafts are kept for next time.": {
        "fr": "{count} brouillons de réponse sont conservés pour la prochaine fois.",
        "nl": "{count} conceptantwoorden worden bewaard voor de volgende keer.",
    },
    "{count} marked": {"fr": "{count} marqué(s)", "nl": "{count} gemarkeerd"},
    # ------------------------------------------------------------------ login and role
    "Retry": {"fr": "Réessayer", "nl": "Opnieuw"},
    "Connect again": {"fr": "Se reconnecter au serveur", "nl": "Opnieuw verbinden"},
    "Filter agents": {"fr": "Filtrer les agents", "nl": "Agents filteren"},
    "Athena Career Contactcenter": {
        "fr": "Athena Career Contactcenter",
        "nl": "Athena Career Contactcenter",
    },
    "Connecting to the server…": {
        "fr": "Connexion au serveur…",
        "nl": "Verbinden met de server…",
    },
    "Cannot connect: {reason} — ctrl+r retries.": {
        "fr": "Connexion impossible: {reason} — ctrl+r pour réessayer.",
        "nl": "Geen verbinding: {reason} — ctrl+r probeert opnieuw.",
    },
    "Demo server: choose an agent and press enter.": {
        "fr": "Serveur de démonstration: choisissez un agent et appuyez sur entrée.",
        "nl": "Demoserver: kies een agent en druk op enter.",
    },
    "Logging in…": {"fr": "Connexion…", "nl": "Aanmelden…"},
    "Login refused: {reason}": {
        "fr": "Connexion refusée: {reason}",
        "nl": "Aanmelding geweigerd: {reason}",
    },
    "Cannot start: {reason} — ctrl+r retries; athena-tui --reset-demo recreates the demo data.": {
        "fr": "Démarrage impossible: {reason} — ctrl+r pour réessayer; "
        "athena-tui --reset-demo recrée les données de démonstration.",
        "nl": "Starten mislukt: {reason} — ctrl+r probeert opnieuw; "
        "athena-tui --reset-demo maakt de demogegevens opnieuw aan.",
    },
    # ------------------------------------------------------------------ lock, transport
    "Lock": {"fr": "Verrouiller", "nl": "Vergrendelen"},
    "Lock the screen now; log in again to unlock": {
        "fr": "Verrouiller l'écran maintenant; reconnectez-vous pour le déverrouiller",
        "nl": "Het scherm nu vergrendelen; meld u opnieuw aan om te ontgrendelen",
    },
    "Unlock": {"fr": "Déverrouiller", "nl": "Ontgrendelen"},
    "Log in again to unlock": {
        "fr": "Se reconnecter pour déverrouiller",
        "nl": "Opnieuw aanmelden om te ontgrendelen",
    },
    "Athena is locked": {"fr": "Athena est verrouillé", "nl": "Athena is vergrendeld"},
    "Session of {name}. Your screens, drafts and outbox are kept.": {
        "fr": "Session de {name}. Vos écrans, brouillons et actions en attente sont conservés.",
        "nl": "Sessie van {name}. Uw schermen, ontwerpen en wachtende acties blijven bewaard.",
    },
    "Log in again with your eID card to unlock.": {
        "fr": "Reconnectez-vous avec votre carte eID pour déverrouiller.",
        "nl": "Meld u opnieuw aan met uw eID-kaart om te ontgrendelen.",
    },
    "Demo session: press enter to log in again as the same agent.": {
        "fr": "Session de démonstration: appuyez sur entrée pour vous reconnecter "
        "avec le même agent.",
        "nl": "Demosessie: druk op enter om opnieuw aan te melden als dezelfde agent.",
    },
    "This card is of {other}; the locked session is {name}'s. "
    "Quit (ctrl+q) to log in as someone else.": {
        "fr": "Cette carte est celle de {other}; la session verrouillée est celle de "
        "{name}. Quittez (ctrl+q) pour vous connecter sous un autre nom.",
        "nl": "Deze kaart is van {other}; de vergrendelde sessie is van {name}. "
        "Sluit af (ctrl+q) om als iemand anders aan te melden.",
    },
    "UNENCRYPTED connection to {host} (--allow-insecure-http): the session and "
    "citizen data can be read on the network.": {
        "fr": "Connexion NON CHIFFRÉE avec {host} (--allow-insecure-http): la session "
        "et les données des citoyens sont lisibles sur le réseau.",
        "nl": "ONVERSLEUTELDE verbinding met {host} (--allow-insecure-http): de sessie "
        "en de gegevens van burgers zijn leesbaar op het netwerk.",
    },
    "--server {url!r}: plain http to another machine sends the session and citizen "
    "data unencrypted; use https:// (or --allow-insecure-http, at your own risk)": {
        "fr": "--server {url!r}: en http simple vers une autre machine, la session et "
        "les données des citoyens circulent en clair; utilisez https:// (ou "
        "--allow-insecure-http, à vos risques)",
        "nl": "--server {url!r}: met gewone http naar een andere machine gaan de sessie "
        "en de gegevens van burgers onversleuteld over het net; gebruik https:// (of "
        "--allow-insecure-http, op eigen risico)",
    },
    "--ca-cert {path}: not a usable certificate ({reason})": {
        "fr": "--ca-cert {path}: certificat inutilisable ({reason})",
        "nl": "--ca-cert {path}: onbruikbaar certificaat ({reason})",
    },
    "must be a number of minutes from 0 (never) to 480": {
        "fr": "doit être un nombre de minutes de 0 (jamais) à 480",
        "nl": "moet een aantal minuten zijn van 0 (nooit) tot 480",
    },
    "The reported block holds data the citizen never sees (a sanction, future data): "
    "the subject and the question reach the citizen, so neither may name it.": {
        "fr": "Le bloc signalé contient des données que le citoyen ne voit jamais (une "
        "sanction, des données futures): le sujet et la question sont visibles par le "
        "citoyen, ils ne peuvent donc pas les mentionner.",
        "nl": "Het gemelde blok bevat gegevens die de burger nooit ziet (een sanctie, "
        "toekomstige gegevens): het onderwerp en de vraag ziet de burger, dus mogen ze "
        "die niet noemen.",
    },
    # ------------------------------------------------------------------ connection errors
    "{url}: {reason}": {"fr": "{url}: {reason}", "nl": "{url}: {reason}"},
    "connection refused": {"fr": "connexion refusée", "nl": "verbinding geweigerd"},
    "no answer in time": {"fr": "pas de réponse à temps", "nl": "geen antwoord op tijd"},
    "host name {host} not found": {
        "fr": "nom d'hôte {host} introuvable",
        "nl": "hostnaam {host} niet gevonden",
    },
    "the server's certificate is not trusted (not signed by a known authority; "
    "a private one is given with --ca-cert FILE)": {
        "fr": "le certificat du serveur n'est pas reconnu (il n'est signé par aucune "
        "autorité connue; une autorité privée se donne avec --ca-cert FICHIER)",
        "nl": "het certificaat van de server wordt niet vertrouwd (door geen bekende "
        "autoriteit ondertekend; een eigen autoriteit geeft u met --ca-cert BESTAND)",
    },
    "the server's certificate is for host {names}, not {host}": {
        "fr": "le certificat du serveur est celui de l'hôte {names}, pas de {host}",
        "nl": "het certificaat van de server is voor host {names}, niet voor {host}",
    },
    "the server's certificate is for another host than {host}": {
        "fr": "le certificat du serveur est celui d'un autre hôte que {host}",
        "nl": "het certificaat van de server is voor een andere host dan {host}",
    },
    "the server's certificate expired on {day}": {
        "fr": "le certificat du serveur a expiré le {day}",
        "nl": "het certificaat van de server is verlopen op {day}",
    },
    "the server's certificate has expired": {
        "fr": "le certificat du serveur a expiré",
        "nl": "het certificaat van de server is verlopen",
    },
    "the server's certificate is valid only from {day}": {
        "fr": "le certificat du serveur n'est valable qu'à partir du {day}",
        "nl": "het certificaat van de server is pas geldig vanaf {day}",
    },
    "the server's certificate is not valid yet": {
        "fr": "le certificat du serveur n'est pas encore valable",
        "nl": "het certificaat van de server is nog niet geldig",
    },
    "the secure connection to {host} failed": {
        "fr": "la connexion sécurisée avec {host} a échoué",
        "nl": "de beveiligde verbinding met {host} is mislukt",
    },
    "network error ({detail})": {"fr": "erreur réseau ({detail})", "nl": "netwerkfout ({detail})"},
    # ------------------------------------------------------------------ start-up refusals
    "{file}: cannot read: {reason}": {
        "fr": "{file}: lecture impossible: {reason}",
        "nl": "{file}: kan niet lezen: {reason}",
    },
    "{file}: not valid TOML: {error}": {
        "fr": "{file}: TOML invalide: {error}",
        "nl": "{file}: geen geldige TOML: {error}",
    },
    "{file}: unknown key {key!r}": {
        "fr": "{file}: clé {key!r} inconnue",
        "nl": "{file}: onbekende sleutel {key!r}",
    },
    "{file}: {key}: {why} (got {value!r})": {
        "fr": "{file}: {key}: {why} (reçu {value!r})",
        "nl": "{file}: {key}: {why} (gekregen {value!r})",
    },
    "must be a non-empty string": {
        "fr": "doit être un texte non vide",
        "nl": "moet een niet-lege tekst zijn",
    },
    "must start with http:// or https://": {
        "fr": "doit commencer par http:// ou https://",
        "nl": "moet beginnen met http:// of https://",
    },
    "must be one of {choices}": {
        "fr": "doit être l'une des valeurs {choices}",
        "nl": "moet een van {choices} zijn",
    },
    'must be a table of binding id = "key" strings': {
        "fr": 'doit être une table identifiant de touche = "touche"',
        "nl": 'moet een tabel toets-id = "toets" zijn',
    },
    "must be a whole number from 1 to 120": {
        "fr": "doit être un nombre entier de 1 à 120",
        "nl": "moet een geheel getal van 1 tot 120 zijn",
    },
    "config file {path} not found": {
        "fr": "fichier de configuration {path} introuvable",
        "nl": "configuratiebestand {path} niet gevonden",
    },
    "give --server URL (or server_url in the config file), or use --demo": {
        "fr": "donnez --server URL (ou server_url dans le fichier de configuration), "
        "ou utilisez --demo",
        "nl": "geef --server URL (of server_url in het configuratiebestand), of gebruik --demo",
    },
    "--server {url!r}: not a URL; give e.g. https://athena.example": {
        "fr": "--server {url!r}: ce n'est pas une URL; donnez par exemple https://athena.example",
        "nl": "--server {url!r}: geen URL; geef bijvoorbeeld https://athena.example",
    },
    "unknown theme {theme!r}; themes: {themes}": {
        "fr": "thème {theme!r} inconnu; thèmes: {themes}",
        "nl": "onbekend thema {theme!r}; thema's: {themes}",
    },
    "keymap: unknown binding id {binding_id!r} (the help screen, ?, lists the ids)": {
        "fr": "keymap: identifiant de touche {binding_id!r} inconnu "
        "(l'écran d'aide, ?, liste les identifiants)",
        "nl": "keymap: onbekende toets-id {binding_id!r} (het helpscherm, ?, toont de id's)",
    },
    "keymap: {binding_id}: key {key!r} does not exist": {
        "fr": "keymap: {binding_id}: la touche {key!r} n'existe pas",
        "nl": "keymap: {binding_id}: toets {key!r} bestaat niet",
    },
    "cannot write the data directory {path}: {reason}": {
        "fr": "impossible d'écrire dans le répertoire de données {path}: {reason}",
        "nl": "kan niet schrijven in de gegevensmap {path}: {reason}",
    },
    "the demo database {path} is unusable ({reason}); athena-tui --reset-demo recreates it": {
        "fr": "la base de démonstration {path} est inutilisable ({reason}); "
        "athena-tui --reset-demo la recrée",
        "nl": "de demodatabank {path} is onbruikbaar ({reason}); "
        "athena-tui --reset-demo maakt ze opnieuw aan",
    },
    "Back to login": {"fr": "Retour à la connexion", "nl": "Terug naar aanmelden"},
    "Choose your role": {"fr": "Choisissez votre rôle", "nl": "Kies uw rol"},
    "{name} holds several roles.": {
        "fr": "{name} a plusieurs rôles.",
        "nl": "{name} heeft meerdere rollen.",
    },
    "Log in with your eID card.": {
        "fr": "Connectez-vous avec votre carte eID.",
        "nl": "Meld u aan met uw eID-kaart.",
    },
    "Log in": {"fr": "Se connecter", "nl": "Aanmelden"},
    "Log in with the eID card in the reader": {
        "fr": "Se connecter avec la carte eID du lecteur",
        "nl": "Aanmelden met de eID-kaart in de kaartlezer",
    },
    "Looking for the card reader…": {
        "fr": "Recherche du lecteur de carte…",
        "nl": "Kaartlezer zoeken…",
    },
    "Press enter to log in.": {
        "fr": "Appuyez sur entrée pour vous connecter.",
        "nl": "Druk op enter om aan te melden.",
    },
    "Card of {name}": {"fr": "Carte de {name}", "nl": "Kaart van {name}"},
    "Enter your PIN on the card reader's keypad.": {
        "fr": "Tapez votre code PIN sur le clavier du lecteur de carte.",
        "nl": "Typ uw pincode op het klavier van de kaartlezer.",
    },
    "Checking your PIN with the card…": {
        "fr": "Vérification du code PIN par la carte…",
        "nl": "Pincode wordt gecontroleerd door de kaart…",
    },
    "Cancel the login": {"fr": "Annuler la connexion", "nl": "Het aanmelden annuleren"},
    "PIN of the eID card": {"fr": "Code PIN de la carte eID", "nl": "Pincode van de eID-kaart"},
    "PIN (4 to 12 digits)": {
        "fr": "Code PIN (4 à 12 chiffres)",
        "nl": "Pincode (4 tot 12 cijfers)",
    },
    "The card blocks after 3 wrong PINs in a row.": {
        "fr": "La carte se bloque après 3 codes PIN erronés consécutifs.",
        "nl": "De kaart blokkeert na 3 foute pincodes na elkaar.",
    },
    "The PIN has 4 to 12 digits.": {
        "fr": "Le code PIN a de 4 à 12 chiffres.",
        "nl": "De pincode heeft 4 tot 12 cijfers.",
    },
    # ------------------------------------------------------------------ eID card login
    "No eID middleware found. Install the Belgian eID software (or OpenSC), or give "
    "--pkcs11-module PATH (pkcs11_module in the config file); ctrl+r tries again.": {
        "fr": "Aucun middleware eID trouvé. Installez le logiciel eID belge (ou OpenSC), ou "
        "indiquez --pkcs11-module CHEMIN (pkcs11_module dans le fichier de configuration); "
        "ctrl+r pour réessayer.",
        "nl": "Geen eID-middleware gevonden. Installeer de Belgische eID-software (of OpenSC), "
        "of geef --pkcs11-module PAD op (pkcs11_module in het configuratiebestand); "
        "ctrl+r probeert opnieuw.",
    },
    "No card reader found. Connect your reader; Athena is waiting for it…": {
        "fr": "Aucun lecteur de carte trouvé. Branchez votre lecteur; Athena l'attend…",
        "nl": "Geen kaartlezer gevonden. Sluit uw kaartlezer aan; Athena wacht erop…",
    },
    "Insert your eID card in the reader ({label}); Athena is waiting for it…": {
        "fr": "Insérez votre carte eID dans le lecteur ({label}); Athena l'attend…",
        "nl": "Steek uw eID-kaart in de kaartlezer ({label}); Athena wacht erop…",
    },
    "The card was removed during the login. Insert it again; Athena is waiting…": {
        "fr": "La carte a été retirée pendant la connexion. Réinsérez-la; Athena attend…",
        "nl": "De kaart werd verwijderd tijdens het aanmelden. Steek ze opnieuw in; Athena wacht…",
    },
    "Wrong PIN. The card blocks after 3 wrong PINs in a row. Press enter to try again.": {
        "fr": "Code PIN erroné. La carte se bloque après 3 codes PIN erronés consécutifs. "
        "Appuyez sur entrée pour réessayer.",
        "nl": "Foute pincode. De kaart blokkeert na 3 foute pincodes na elkaar. "
        "Druk op enter om opnieuw te proberen.",
    },
    "Your card's PIN is blocked. Unblock it with your PUK code at your municipality, "
    "then press enter to try again.": {
        "fr": "Le code PIN de votre carte est bloqué. Débloquez-le avec votre code PUK "
        "à votre commune, puis appuyez sur entrée pour réessayer.",
        "nl": "De pincode van uw kaart is geblokkeerd. Deblokkeer ze met uw PUK-code "
        "bij uw gemeente en druk dan op enter om opnieuw te proberen.",
    },
    "Login cancelled. Press enter to log in with your card.": {
        "fr": "Connexion annulée. Appuyez sur entrée pour vous connecter avec votre carte.",
        "nl": "Aanmelden geannuleerd. Druk op enter om aan te melden met uw kaart.",
    },
    "This card has no authentication certificate, so it cannot log in (a kids' card, "
    "or a card without certificates). Insert another card; ctrl+r looks again.": {
        "fr": "Cette carte n'a pas de certificat d'authentification et ne permet pas de se "
        "connecter (Kids-ID ou carte sans certificats). Insérez une autre carte; "
        "ctrl+r pour rechercher à nouveau.",
        "nl": "Deze kaart heeft geen authenticatiecertificaat en kan dus niet aanmelden "
        "(Kids-ID of kaart zonder certificaten). Steek een andere kaart in; "
        "ctrl+r zoekt opnieuw.",
    },
    "The card reader failed. Check the reader and the card, then press ctrl+r.": {
        "fr": "Le lecteur de carte a échoué. Vérifiez le lecteur et la carte, "
        "puis appuyez sur ctrl+r.",
        "nl": "De kaartlezer faalde. Controleer de kaartlezer en de kaart en druk dan op ctrl+r.",
    },
    "This server does not accept the eID card login. Ask your administrator.": {
        "fr": "Ce serveur n'accepte pas la connexion par carte eID. "
        "Adressez-vous à votre administrateur.",
        "nl": "Deze server aanvaardt geen aanmelding met de eID-kaart. Vraag het aan uw beheerder.",
    },
    "The login challenge was not recognised. Press enter to try again.": {
        "fr": "Le défi de connexion n'a pas été reconnu. Appuyez sur entrée pour réessayer.",
        "nl": "De aanmeldingsuitdaging werd niet herkend. Druk op enter om opnieuw te proberen.",
    },
    "This login challenge was already used. Press enter to try again.": {
        "fr": "Ce défi de connexion a déjà été utilisé. Appuyez sur entrée pour réessayer.",
        "nl": "Deze aanmeldingsuitdaging werd al gebruikt. Druk op enter om opnieuw te proberen.",
    },
    "The login took too long. Press enter to try again.": {
        "fr": "La connexion a pris trop de temps. Appuyez sur entrée pour réessayer.",
        "nl": "Het aanmelden duurde te lang. Druk op enter om opnieuw te proberen.",
    },
    "The server cannot read your card's certificate.": {
        "fr": "Le serveur ne peut pas lire le certificat de votre carte.",
        "nl": "De server kan het certificaat van uw kaart niet lezen.",
    },
    "The server does not trust your card's certificate (unknown issuer). Ask your administrator.": {
        "fr": "Le serveur ne fait pas confiance au certificat de votre carte (émetteur "
        "inconnu). Adressez-vous à votre administrateur.",
        "nl": "De server vertrouwt het certificaat van uw kaart niet (onbekende uitgever). "
        "Vraag het aan uw beheerder.",
    },
    "Your card's certificate has expired. Renew your eID card at your municipality.": {
        "fr": "Le certificat de votre carte a expiré. Renouvelez votre carte eID à votre commune.",
        "nl": "Het certificaat van uw kaart is verlopen. Vernieuw uw eID-kaart bij uw gemeente.",
    },
    "Your card's certificate is not valid yet. Check this computer's clock.": {
        "fr": "Le certificat de votre carte n'est pas encore valide. Vérifiez l'horloge de "
        "cet ordinateur.",
        "nl": "Het certificaat van uw kaart is nog niet geldig. Controleer de klok van "
        "deze computer.",
    },
    "This certificate is not for logging in.": {
        "fr": "Ce certificat ne sert pas à se connecter.",
        "nl": "Dit certificaat dient niet om aan te melden.",
    },
    "The server could not verify the card's signature. Press enter to try again.": {
        "fr": "Le serveur n'a pas pu vérifier la signature de la carte. "
        "Appuyez sur entrée pour réessayer.",
        "nl": "De server kon de handtekening van de kaart niet verifiëren. "
        "Druk op enter om opnieuw te proberen.",
    },
    "This card's holder is not an Athena agent. Ask your administrator for access.": {
        "fr": "Le titulaire de cette carte n'est pas un agent Athena. Demandez un accès à "
        "votre administrateur.",
        "nl": "De houder van deze kaart is geen Athena-agent. Vraag toegang aan uw beheerder.",
    },
    "The role choice took too long. Press enter to log in again.": {
        "fr": "Le choix du rôle a pris trop de temps. Appuyez sur entrée pour vous reconnecter.",
        "nl": "De rolkeuze duurde te lang. Druk op enter om opnieuw aan te melden.",
    },
    "Too many failed logins. Wait {wait} s, then press enter.": {
        "fr": "Trop de connexions échouées. Attendez {wait} s, puis appuyez sur entrée.",
        "nl": "Te veel mislukte aanmeldingen. Wacht {wait} s en druk dan op enter.",
    },
    # ------------------------------------------------------------------ dashboard
    "Group queue": {"fr": "Dossiers de contact du groupe", "nl": "Contactdossiers van de groep"},
    "My files": {"fr": "Dossiers de contact de l'agent", "nl": "Contactdossiers van de agent"},
    "Treated files": {"fr": "Dossiers de contact traités", "nl": "Behandelde contactdossiers"},
    "Next tab": {"fr": "Onglet suivant", "nl": "Volgend tabblad"},
    "Previous tab": {"fr": "Onglet précédent", "nl": "Vorig tabblad"},
    "Filter as you type": {"fr": "Filtrer à la frappe", "nl": "Filteren tijdens het typen"},
    "Take": {"fr": "Prendre", "nl": "Nemen"},
    "Assign the file to myself": {
        "fr": "M'assigner le dossier (prendre en charge)",
        "nl": "Het dossier aan mezelf toewijzen",
    },
    "Assign the highlighted file to myself": {
        "fr": "M'assigner le dossier sélectionné (prendre en charge)",
        "nl": "Het geselecteerde dossier aan mezelf toewijzen",
    },
    "Release": {"fr": "Libérer", "nl": "Vrijgeven"},
    "Put the file (or the marked files) back in the group queue": {
        "fr": "Remettre le dossier (ou les dossiers marqués) dans les dossiers du groupe",
        "nl": "Het dossier (of de gemarkeerde dossiers) terugzetten bij de groep",
    },
    "Release all mine": {"fr": "Libérer tous les miens", "nl": "Al de mijne vrijgeven"},
    "Before leave: put all my files back in the group queue": {
        "fr": "Avant un congé: remettre tous mes dossiers dans les dossiers du groupe",
        "nl": "Voor verlof: al mijn dossiers terugzetten bij de groep",
    },
    "Dispatch": {"fr": "Assigner", "nl": "Toewijzen"},
    "Assign the file (or the marked files) to a teammate": {
        "fr": "Assigner le dossier (ou les dossiers marqués) à un collègue",
        "nl": "Het dossier (of de gemarkeerde dossiers) aan een collega toewijzen",
    },
    "Move": {"fr": "Déplacer", "nl": "Verplaatsen"},
    "Send the file (or the marked files) to another group's queue": {
        "fr": "Assigner le dossier (ou les dossiers marqués) à un autre groupe",
        "nl": "Het dossier (of de gemarkeerde dossiers) aan een andere groep toewijzen",
    },
    "Other operations": {"fr": "Autres opérations", "nl": "Andere bewerkingen"},
    "Merge or split files of mine": {
        "fr": "Fusionner ou scinder mes dossiers",
        "nl": "Mijn dossiers samenvoegen of splitsen",
    },
    "Go to": {"fr": "Aller à", "nl": "Ga naar"},
    "Open a file by its ticket (SR1234567), or :citizen [NISS]": {
        "fr": "Ouvrir un dossier par son ticket (SR1234567), ou :citoyen [NISS]",
        "nl": "Een dossier openen via zijn ticket (SR1234567), of :burger [INSZ]",
    },
    "Citizen search": {"fr": "Recherche Citoyen", "nl": "Burger zoeken"},
    "Find a citizen by NISS or by name": {
        "fr": "Trouver un citoyen par NISS ou par nom",
        "nl": "Een burger zoeken op INSZ of op naam",
    },
    "Filter: ticket, NISS, name, subject": {
        "fr": "Filtre: ticket, NISS, nom, objet",
        "nl": "Filter: ticket, INSZ, naam, onderwerp",
    },
    "{ticket} is closed.": {"fr": "{ticket} est clôturé.", "nl": "{ticket} is afgesloten."},
    "{ticket} is already yours.": {
        "fr": "{ticket} vous est déjà assigné.",
        "nl": "{ticket} is al aan u toegewezen.",
    },
    "{ticket} is held by {name}. Release it first (l), then take it.": {
        "fr": "{ticket} est assigné à {name}. Libérez-le d'abord (l), puis prenez-le.",
        "nl": "{ticket} is toegewezen aan {name}. Geef het eerst vrij (l) en neem het dan.",
    },
    "Not taken": {"fr": "Non pris", "nl": "Niet genomen"},
    "{ticket} is now yours.": {
        "fr": "{ticket} vous est maintenant assigné.",
        "nl": "{ticket} is nu aan u toegewezen.",
    },
    "Release {count} files?": {
        "fr": "Libérer {count} dossiers?",
        "nl": "{count} dossiers vrijgeven?",
    },
    "{ticket} is not assigned.": {
        "fr": "{ticket} n'est pas assigné.",
        "nl": "{ticket} is niet toegewezen.",
    },
    "You hold no open files.": {
        "fr": "Aucun dossier ouvert ne vous est assigné.",
        "nl": "Er zijn geen open dossiers aan u toegewezen.",
    },
    "Release all {count} of my files?": {
        "fr": "Libérer mes {count} dossiers?",
        "nl": "Al mijn {count} dossiers vrijgeven?",
    },
    "Release a colleague's file?": {
        "fr": "Libérer le dossier d'un collègue?",
        "nl": "Het dossier van een collega vrijgeven?",
    },
    "{ticket} is held by {name}.": {
        "fr": "{ticket} est assigné à {name}.",
        "nl": "{ticket} is toegewezen aan {name}.",
    },
    "It goes back to the group queue, un-assigned.": {
        "fr": "Il retourne dans les dossiers du groupe, non assigné.",
        "nl": "Het gaat terug naar de groep, niet toegewezen.",
    },
    "Then take it with t.": {"fr": "Prenez-le ensuite avec t.", "nl": "Neem het daarna met t."},
    "Back to the queue of {groups}, un-assigned.": {
        "fr": "Retour, non assignés, dans le groupe {groups}.",
        "nl": "Terug naar de groep {groups}, niet toegewezen.",
    },
    "Not released": {"fr": "Non libéré", "nl": "Niet vrijgegeven"},
    "{ticket} released.": {"fr": "{ticket} libéré.", "nl": "{ticket} vrijgegeven."},
    "None of these files is assigned.": {
        "fr": "Aucun de ces dossiers n'est assigné.",
        "nl": "Geen van deze dossiers is toegewezen.",
    },
    "{count} of them are held by colleagues.": {
        "fr": "{count} d'entre eux sont assignés à des collègues.",
        "nl": "{count} ervan zijn toegewezen aan collega's.",
    },
    "{count} not assigned, left as they are.": {
        "fr": "{count} non assigné(s), laissé(s) tel(s) quel(s).",
        "nl": "{count} niet toegewezen, ongewijzigd gelaten.",
    },
    "not released": {"fr": "non libéré", "nl": "niet vrijgegeven"},
    "{ticket}: released": {"fr": "{ticket}: libéré", "nl": "{ticket}: vrijgegeven"},
    "{done} of {count} files released.": {
        "fr": "{done} dossier(s) sur {count} libéré(s).",
        "nl": "{done} van {count} dossiers vrijgegeven.",
    },
    "Not dispatched": {"fr": "Non assigné", "nl": "Niet toegewezen"},
    "{done} of {count} files dispatched to {name}.": {
        "fr": "{done} dossier(s) sur {count} assigné(s) à {name}.",
        "nl": "{done} van {count} dossiers toegewezen aan {name}.",
    },
    "Not moved": {"fr": "Non déplacé", "nl": "Niet verplaatst"},
    "Move {ticket} to group": {
        "fr": "Assigner {ticket} à un autre groupe",
        "nl": "{ticket} aan een andere groep toewijzen",
    },
    "{ticket} is now assigned to you": {
        "fr": "{ticket} vous est maintenant assigné",
        "nl": "{ticket} is nu aan u toegewezen",
    },
    "The question is too long ({count} characters at most)": {
        "fr": "La question est trop longue ({count} caractères au maximum)",
        "nl": "De vraag is te lang (hoogstens {count} tekens)",
    },
    "The question holds a character that cannot be stored": {
        "fr": "La question contient un caractère qui ne peut pas être enregistré",
        "nl": "De vraag bevat een teken dat niet kan worden bewaard",
    },
    "Priority of {ticket}": {"fr": "Priorité de {ticket}", "nl": "Prioriteit van {ticket}"},
    "Status of {ticket}": {"fr": "Statut de {ticket}", "nl": "Status van {ticket}"},
    "Move {count} files to group": {
        "fr": "Assigner {count} dossiers à un autre groupe",
        "nl": "{count} dossiers aan een andere groep toewijzen",
    },
    "They go to the queue of {group}, un-assigned.": {
        "fr": "Ils vont dans les dossiers du groupe {group}, non assignés.",
        "nl": "Ze gaan naar de groep {group}, niet toegewezen.",
    },
    "{count} already in {group}, left as they are.": {
        "fr": "{count} déjà dans {group}, laissé(s) tel(s) quel(s).",
        "nl": "{count} al in {group}, ongewijzigd gelaten.",
    },
    "Move {count} files to {group}?": {
        "fr": "Assigner {count} dossier(s) au groupe {group}?",
        "nl": "{count} dossier(s) naar de groep {group} verplaatsen?",
    },
    "not moved": {"fr": "non déplacé", "nl": "niet verplaatst"},
    "{ticket}: moved": {"fr": "{ticket}: déplacé", "nl": "{ticket}: verplaatst"},
    "{done} of {count} files moved to {group}.": {
        "fr": "{done} dossier(s) sur {count} assigné(s) au groupe {group}.",
        "nl": "{done} van {count} dossiers verplaatst naar {group}.",
    },
    "Merge": {"fr": "Fusionner", "nl": "Samenvoegen"},
    "two or more marked files of one citizen": {
        "fr": "au moins deux dossiers d'un même citoyen",
        "nl": "twee of meer dossiers van één burger",
    },
    "Split": {"fr": "Scinder", "nl": "Splitsen"},
    "one file into two": {"fr": "un dossier en deux", "nl": "één dossier in twee"},
    "Not merged": {"fr": "Non fusionné", "nl": "Niet samengevoegd"},
    "Merge {count} files?": {
        "fr": "Fusionner {count} dossiers?",
        "nl": "{count} dossiers samenvoegen?",
    },
    "Merged into {ticket}; {count} files closed.": {
        "fr": "Fusionné dans {ticket}; {count} dossiers clôturés.",
        "nl": "Samengevoegd in {ticket}; {count} dossiers afgesloten.",
    },
    "Not split": {"fr": "Non scindé", "nl": "Niet gesplitst"},
    "Split {ticket}?": {"fr": "Scinder {ticket}?", "nl": "{ticket} splitsen?"},
    "{ticket} split into {parts}; the original is closed.": {
        "fr": "{ticket} scindé en {parts}; l'original est clôturé.",
        "nl": "{ticket} gesplitst in {parts}; het origineel is afgesloten.",
    },
    "Go to a ticket, or :citizen [NISS]": {
        "fr": "Aller à un ticket, ou :citoyen [NISS]",
        "nl": "Ga naar een ticket, of :burger [INSZ]",
    },
    "A ticket is SR followed by 7 digits, e.g. SR1234567.": {
        "fr": "Un ticket est SR suivi de 7 chiffres, p. ex. SR1234567.",
        "nl": "Een ticket is SR gevolgd door 7 cijfers, bv. SR1234567.",
    },
    "{ticket}: offline — saved, it will be sent when the connection is back.": {
        "fr": "{ticket}: hors ligne — enregistré, envoyé dès le retour de la connexion.",
        "nl": "{ticket}: offline — bewaard, wordt verzonden zodra de verbinding terug is.",
    },
    # ------------------------------------------------------------------ dispatch
    "done": {"fr": "fait", "nl": "gedaan"},
    "conflict": {"fr": "conflit", "nl": "conflict"},
    "refused": {"fr": "refusé", "nl": "geweigerd"},
    "not reassigned": {"fr": "non réassigné", "nl": "niet opnieuw toegewezen"},
    "{name} (me)": {"fr": "{name} (moi)", "nl": "{name} (ik)"},
    "{load} open files": {"fr": "{load} dossier(s) ouvert(s)", "nl": "{load} open dossier(s)"},
    "(not a member of {group})": {
        "fr": "(pas membre de {group})",
        "nl": "(geen lid van {group})",
    },
    "{count} files held by someone else will need a second confirmation.": {
        "fr": "{count} dossier(s) assigné(s) à quelqu'un d'autre demanderont "
        "une seconde confirmation.",
        "nl": "{count} dossier(s) van iemand anders vragen een tweede bevestiging.",
    },
    "file {id}": {"fr": "dossier {id}", "nl": "dossier {id}"},
    "still held by {name}": {"fr": "toujours assigné à {name}", "nl": "nog bij {name}"},
    "Dispatch {count} files to…": {
        "fr": "Assigner {count} dossier(s) à…",
        "nl": "{count} dossier(s) toewijzen aan…",
    },
    "Filter teammates…": {"fr": "Filtrer les collègues…", "nl": "Collega's filteren…"},
    "No teammate matches": {"fr": "Aucun collègue trouvé", "nl": "Geen collega gevonden"},
    "Dispatch to {name}?": {"fr": "Assigner à {name}?", "nl": "Toewijzen aan {name}?"},
    "Reassign {count} files held by someone else?": {
        "fr": "Réassigner {count} dossier(s) assigné(s) à quelqu'un d'autre?",
        "nl": "{count} dossier(s) van iemand anders opnieuw toewijzen?",
    },
    "These files are already assigned. Reassign them to {name}?": {
        "fr": "Ces dossiers sont déjà assignés. Les réassigner à {name}?",
        "nl": "Deze dossiers zijn al toegewezen. Opnieuw toewijzen aan {name}?",
    },
    "Reassign": {"fr": "Réassigner", "nl": "Opnieuw toewijzen"},
    "Keep them": {"fr": "Les garder", "nl": "Behouden"},
    # ------------------------------------------------------------------ operations
    "… and {count} more": {"fr": "… et {count} de plus", "nl": "… en nog {count}"},
    "Merge needs two or more marked files of the same citizen (space marks a file).": {
        "fr": "Fusionner demande au moins deux dossiers marqués d'un même citoyen "
        "(espace marque un dossier).",
        "nl": "Samenvoegen vraagt twee of meer gemarkeerde dossiers van dezelfde burger "
        "(spatie markeert een dossier).",
    },
    "Cannot merge files of different citizens: {names}.": {
        "fr": "Impossible de fusionner des dossiers de citoyens différents: {names}.",
        "nl": "Dossiers van verschillende burgers kunnen niet samengevoegd worden: {names}.",
    },
    "Cannot merge: {tickets} is closed.": {
        "fr": "Fusion impossible: {tickets} est clôturé.",
        "nl": "Samenvoegen onmogelijk: {tickets} is afgesloten.",
    },
    "Cannot merge: {tickets} is not yours. Take it first.": {
        "fr": "Fusion impossible: {tickets} ne vous est pas assigné. Prenez-le d'abord.",
        "nl": "Samenvoegen onmogelijk: {tickets} is niet aan u toegewezen. Neem het eerst.",
    },
    "• These {count} files are closed and handed back to the citizen.": {
        "fr": "• Ces {count} dossiers sont clôturés et réassignés au citoyen.",
        "nl": "• Deze {count} dossiers worden afgesloten en teruggegeven aan de burger.",
    },
    "• One new file holds all {count} messages, with their attachments.": {
        "fr": "• Un nouveau dossier contient les {count} messages, avec leurs pièces jointes.",
        "nl": "• Eén nieuw dossier bevat alle {count} berichten, met hun bijlagen.",
    },
    "• The new file is assigned to you.": {
        "fr": "• Le nouveau dossier vous est assigné.",
        "nl": "• Het nieuwe dossier wordt aan u toegewezen.",
    },
    "Split works on one file; {count} are marked.": {
        "fr": "Scinder porte sur un seul dossier; {count} sont marqués.",
        "nl": "Splitsen werkt op één dossier; er zijn er {count} gemarkeerd.",
    },
    "Cannot split: {ticket} is closed.": {
        "fr": "Scission impossible: {ticket} est clôturé.",
        "nl": "Splitsen onmogelijk: {ticket} is afgesloten.",
    },
    "Cannot split: {ticket} is not yours. Take it first.": {
        "fr": "Scission impossible: {ticket} ne vous est pas assigné. Prenez-le d'abord.",
        "nl": "Splitsen onmogelijk: {ticket} is niet aan u toegewezen. Neem het eerst.",
    },
    "Message to the parts:": {"fr": "Message pour les parties:", "nl": "Bericht aan de delen:"},
    "• The original gets this message (visible), is closed and handed back to the citizen.": {
        "fr": "• L'original reçoit ce message (visible), est clôturé et réassigné au citoyen.",
        "nl": "• Het origineel krijgt dit bericht (zichtbaar), wordt afgesloten en "
        "teruggegeven aan de burger.",
    },
    "• Two new files, each with all {count} messages and their attachments, are assigned to you.": {
        "fr": "• Deux nouveaux dossiers, chacun avec les {count} messages et leurs pièces "
        "jointes, vous sont assignés.",
        "nl": "• Twee nieuwe dossiers, elk met alle {count} berichten en hun bijlagen, "
        "worden aan u toegewezen.",
    },
    "Close the report": {"fr": "Fermer le rapport", "nl": "Het verslag sluiten"},
    "Go on to the confirmation": {"fr": "Passer à la confirmation", "nl": "Naar de bevestiging"},
    "Do not split": {"fr": "Ne pas scinder", "nl": "Niet splitsen"},
    "Split {ticket}": {"fr": "Scinder {ticket}", "nl": "{ticket} splitsen"},
    "Message to the parts (visible to the citizen). ctrl+s continues.": {
        "fr": "Message pour les parties (visible pour le citoyen). ctrl+s pour continuer.",
        "nl": "Bericht aan de delen (zichtbaar voor de burger). ctrl+s gaat verder.",
    },
    "Write a message for the parts.": {
        "fr": "Écrivez un message pour les parties.",
        "nl": "Schrijf een bericht voor de delen.",
    },
    # ------------------------------------------------------------------ contact file
    "Priority: {value}": {"fr": "Priorité: {value}", "nl": "Prioriteit: {value}"},
    "Created": {"fr": "Créé", "nl": "Aangemaakt"},
    "nobody": {"fr": "personne", "nl": "niemand"},
    "merged from {tickets}": {"fr": "fusion de {tickets}", "nl": "samengevoegd uit {tickets}"},
    "merged into {ticket}": {"fr": "fusionné dans {ticket}", "nl": "samengevoegd in {ticket}"},
    "split from {ticket}": {"fr": "scindé de {ticket}", "nl": "gesplitst uit {ticket}"},
    "split into {tickets}": {"fr": "scindé en {tickets}", "nl": "gesplitst in {tickets}"},
    "Reply": {"fr": "Répondre", "nl": "Antwoorden"},
    "Write an answer or a note": {
        "fr": "Écrire une réponse ou une note interne",
        "nl": "Een antwoord of een interne nota schrijven",
    },
    "High / medium / low": {"fr": "Haute / moyenne / basse", "nl": "Hoog / gemiddeld / laag"},
    "Assigned / waiting": {"fr": "Assigné / en attente", "nl": "Toegewezen / in wacht"},
    "Back to the group queue": {
        "fr": "Remettre dans les dossiers du groupe",
        "nl": "Terugzetten bij de groep",
    },
    "Assign to another group": {
        "fr": "Assigner à un autre groupe",
        "nl": "Aan een andere groep toewijzen",
    },
    "The citizen's files and career": {
        "fr": "Les dossiers et la carrière du citoyen",
        "nl": "De dossiers en de loopbaan van de burger",
    },
    "Save attachments": {"fr": "Pièces jointes", "nl": "Bijlagen"},
    "Order": {"fr": "Ordre", "nl": "Volgorde"},
    "Newest or oldest first": {
        "fr": "Du plus récent ou du plus ancien au premier",
        "nl": "Nieuwste of oudste eerst",
    },
    "Offline — as of {time}": {
        "fr": "Hors ligne — état de {time}",
        "nl": "Offline — stand van {time}",
    },
    "This file is not available offline: it was never opened here.": {
        "fr": "Ce dossier n'est pas disponible hors ligne: il n'a jamais été ouvert ici.",
        "nl": "Dit dossier is niet offline beschikbaar: het werd hier nooit geopend.",
    },
    "The server cannot be reached; the file shown may be out of date.": {
        "fr": "Le serveur est injoignable; le dossier affiché n'est peut-être plus à jour.",
        "nl": "De server is onbereikbaar; het getoonde dossier is misschien niet meer actueel.",
    },
    # ------------------------------------------------------------------ outbox
    "Move to {group}": {"fr": "Assigner au groupe {group}", "nl": "Naar groep {group}"},
    "Priority → {value}": {"fr": "Priorité → {value}", "nl": "Prioriteit → {value}"},
    "Status → {value}": {"fr": "Statut → {value}", "nl": "Status → {value}"},
    "Reply: “{text}”": {"fr": "Réponse: « {text} »", "nl": "Antwoord: „{text}”"},
    "Mark read": {"fr": "Marquer comme lu", "nl": "Als gelezen markeren"},
    "changed by {name} at {time} ({action})": {
        "fr": "modifié par {name} à {time} ({action})",
        "nl": "gewijzigd door {name} om {time} ({action})",
    },
    "the file is closed": {"fr": "le dossier est clôturé", "nl": "het dossier is afgesloten"},
    "held by {name}": {"fr": "pris en charge par {name}", "nl": "in behandeling bij {name}"},
    "the earlier action on this file was refused": {
        "fr": "l'action précédente sur ce dossier a été refusée",
        "nl": "de vorige actie op dit dossier werd geweigerd",
    },
    "{ticket}: {action} was refused — {reason}. Its text is back in the draft; "
    "see the outbox ({key}).": {
        "fr": "{ticket}: {action} refusée — {reason}. Son texte est revenu dans le "
        "brouillon; voir la boîte d'envoi ({key}).",
        "nl": "{ticket}: {action} geweigerd — {reason}. De tekst staat terug in het "
        "ontwerp; zie het postvak uit ({key}).",
    },
    "{ticket}: {action} was refused — {reason}. Retry or drop it in the outbox ({key}).": {
        "fr": "{ticket}: {action} refusée — {reason}. Réessayez-la ou annulez-la dans "
        "la boîte d'envoi ({key}).",
        "nl": "{ticket}: {action} geweigerd — {reason}. Probeer opnieuw of annuleer in "
        "het postvak uit ({key}).",
    },
    "Outbox": {"fr": "Boîte d'envoi", "nl": "Postvak uit"},
    "Show the actions waiting to be sent and the refused ones": {
        "fr": "Afficher les actions en attente d'envoi et celles qui ont été refusées",
        "nl": "Toon de acties die wachten op verzending en de geweigerde",
    },
    "Send a refused action again, on the file as it is now": {
        "fr": "Renvoyer une action refusée, sur le dossier tel qu'il est maintenant",
        "nl": "Een geweigerde actie opnieuw verzenden, op het dossier zoals het nu is",
    },
    "Cancel action": {"fr": "Annuler l'action", "nl": "Actie annuleren"},
    "Forget the action; a reply's text stays in its draft": {
        "fr": "Oublier l'action; le texte d'une réponse reste dans son brouillon",
        "nl": "De actie vergeten; de tekst van een antwoord blijft in het ontwerp",
    },
    "Action": {"fr": "Action", "nl": "Actie"},
    "Queued at": {"fr": "Mise en attente", "nl": "In wachtrij sinds"},
    "State": {"fr": "État", "nl": "Toestand"},
    "Reason": {"fr": "Motif", "nl": "Reden"},
    "Nothing waits to be sent.": {
        "fr": "Rien n'attend d'être envoyé.",
        "nl": "Er wacht niets op verzending.",
    },
    "{ticket}: {action} will be sent again.": {
        "fr": "{ticket}: {action} sera renvoyée.",
        "nl": "{ticket}: {action} wordt opnieuw verzonden.",
    },
    "Its text stays in the file's draft.": {
        "fr": "Son texte reste dans le brouillon du dossier.",
        "nl": "De tekst blijft in het ontwerp van het dossier.",
    },
    "Cancel this action?": {"fr": "Annuler cette action?", "nl": "Deze actie annuleren?"},
    "Keep it": {"fr": "La garder", "nl": "Behouden"},
    "Waiting to be sent: {actions}": {
        "fr": "En attente d'envoi: {actions}",
        "nl": "Wacht op verzending: {actions}",
    },
    "Cannot open the file": {
        "fr": "Impossible d'ouvrir le dossier",
        "nl": "Het dossier kan niet geopend worden",
    },
    "newest first": {"fr": "du plus récent au plus ancien", "nl": "nieuwste eerst"},
    "oldest first": {"fr": "du plus ancien au plus récent", "nl": "oudste eerst"},
    "Messages: {order}": {"fr": "Messages: {order}", "nl": "Berichten: {order}"},
    "Changed meanwhile": {"fr": "Modifié entre-temps", "nl": "Intussen gewijzigd"},
    "Not done": {"fr": "Non effectué", "nl": "Niet uitgevoerd"},
    "Not saved": {"fr": "Non enregistré", "nl": "Niet opgeslagen"},
    "Release {ticket}?": {"fr": "Libérer {ticket}?", "nl": "{ticket} vrijgeven?"},
    "Move {ticket}?": {
        "fr": "Assigner {ticket} à un autre groupe?",
        "nl": "{ticket} naar een andere groep verplaatsen?",
    },
    "It goes to the queue of {group}, un-assigned.": {
        "fr": "Il va dans les dossiers du groupe {group}, non assigné.",
        "nl": "Het gaat naar de groep {group}, niet toegewezen.",
    },
    "{ticket} moved to {group}.": {
        "fr": "{ticket} assigné au groupe {group}.",
        "nl": "{ticket} verplaatst naar {group}.",
    },
    "All attachments ({count})": {
        "fr": "Toutes les pièces jointes ({count})",
        "nl": "Alle bijlagen ({count})",
    },
    "Save into folder": {"fr": "Enregistrer dans le dossier", "nl": "Opslaan in de map"},
    "Saved in {folder}: {names}": {
        "fr": "Enregistré dans {folder}: {names}",
        "nl": "Opgeslagen in {folder}: {names}",
    },
    "Give a folder.": {"fr": "Indiquez un répertoire.", "nl": "Geef een map op."},
    "{path} is not a folder.": {
        "fr": "{path} n'est pas un répertoire.",
        "nl": "{path} is geen map.",
    },
    # ------------------------------------------------------------------ message thread
    "Contact center": {"fr": "Contact center", "nl": "Contactcenter"},
    "System": {"fr": "Système", "nl": "Systeem"},
    "INTERNAL NOTE — not visible to the citizen": {
        "fr": "NOTE INTERNE — non visible pour le citoyen",
        "nl": "INTERNE NOTA — niet zichtbaar voor de burger",
    },
    "FINAL ANSWER": {"fr": "RÉPONSE FINALE", "nl": "DEFINITIEF ANTWOORD"},
    "No messages": {"fr": "Aucun message", "nl": "Geen berichten"},
    # ------------------------------------------------------------------ reply
    "Send": {"fr": "Envoyer", "nl": "Verzenden"},
    "Send the message": {"fr": "Envoyer le message", "nl": "Het bericht verzenden"},
    "Attach": {"fr": "Joindre", "nl": "Bijvoegen"},
    "Add a file by path (tab or right arrow completes)": {
        "fr": "Joindre un fichier par son chemin (tab ou flèche droite complète)",
        "nl": "Een bestand toevoegen via zijn pad (tab of pijl rechts vult aan)",
    },
    "Remove attachment": {"fr": "Retirer la pièce jointe", "nl": "Bijlage verwijderen"},
    "Remove the last attachment": {
        "fr": "Retirer la dernière pièce jointe",
        "nl": "De laatste bijlage verwijderen",
    },
    "Back to the file; the draft is kept": {
        "fr": "Retour au dossier; le brouillon est conservé",
        "nl": "Terug naar het dossier; het ontwerp blijft bewaard",
    },
    "Reply to {ticket}": {"fr": "Réponse à {ticket}", "nl": "Antwoord op {ticket}"},
    "Visible to the citizen": {
        "fr": "Visible pour le citoyen",
        "nl": "Zichtbaar voor de burger",
    },
    "Final answer (closes the file)": {
        "fr": "Réponse finale (clôture le dossier)",
        "nl": "Definitief antwoord (sluit het af)",
    },
    "Attachments: {count} (at most {n})": {
        "fr": "Pièces jointes: {count} (maximum {n})",
        "nl": "Bijlagen: {count} (maximaal {n})",
    },
    "Last message from the citizen": {
        "fr": "Dernier message du citoyen",
        "nl": "Laatste bericht van de burger",
    },
    "Path of a file to attach, enter adds it": {
        "fr": "Chemin du fichier à joindre, entrée l'ajoute",
        "nl": "Pad van het bestand om bij te voegen, enter voegt het toe",
    },
    "The draft could not be saved: {error}": {
        "fr": "Le brouillon n'a pas pu être enregistré: {error}",
        "nl": "Het ontwerp kon niet bewaard worden: {error}",
    },
    "Draft restored (saved {at:%Y-%m-%d %H:%M}).": {
        "fr": "Brouillon restauré (enregistré le {at:%d/%m/%Y à %H:%M}).",
        "nl": "Ontwerp hersteld (bewaard op {at:%d/%m/%Y om %H:%M}).",
    },
    "missing": {"fr": "introuvable", "nl": "ontbreekt"},
    "none": {"fr": "aucune", "nl": "geen"},
    "Send the final answer?": {
        "fr": "Envoyer la réponse finale?",
        "nl": "Het definitieve antwoord verzenden?",
    },
    "The citizen will see this answer.": {
        "fr": "Le citoyen verra cette réponse.",
        "nl": "De burger zal dit antwoord zien.",
    },
    "{ticket} will be closed.": {
        "fr": "{ticket} sera clôturé.",
        "nl": "{ticket} wordt afgesloten.",
    },
    "Send and close": {"fr": "Envoyer et clôturer", "nl": "Verzenden en afsluiten"},
    "Keep editing": {"fr": "Continuer à écrire", "nl": "Verder bewerken"},
    "Sending…": {"fr": "Envoi…", "nl": "Verzenden…"},
    "Not sent": {"fr": "Non envoyé", "nl": "Niet verzonden"},
    "Offline: the message waits in the outbox and will be sent on reconnection.": {
        "fr": "Hors ligne: le message attend dans la boîte d'envoi et partira à la reconnexion.",
        "nl": "Offline: het bericht wacht in de outbox en wordt verzonden bij het "
        "opnieuw verbinden.",
    },
    "Final answer sent; {ticket} is closed.": {
        "fr": "Réponse finale envoyée; {ticket} est clôturé.",
        "nl": "Definitief antwoord verzonden; {ticket} is afgesloten.",
    },
    "Message sent.": {"fr": "Message envoyé.", "nl": "Bericht verzonden."},
    # ------------------------------------------------------------------ reply rules
    "At most {n} attachments per message.": {
        "fr": "Maximum {n} pièces jointes par message.",
        "nl": "Maximaal {n} bijlagen per bericht.",
    },
    "{name}: file not found.": {
        "fr": "{name}: fichier introuvable.",
        "nl": "{name}: bestand niet gevonden.",
    },
    "{name} is not a file.": {
        "fr": "{name} n'est pas un fichier.",
        "nl": "{name} is geen bestand.",
    },
    "{name} is {size}; the limit is {limit}.": {
        "fr": "{name} fait {size}; la limite est {limit}.",
        "nl": "{name} is {size}; de limiet is {limit}.",
    },
    "Write a message first.": {
        "fr": "Écrivez d'abord un message.",
        "nl": "Schrijf eerst een bericht.",
    },
    "A final answer must be visible to the citizen.": {
        "fr": "Une réponse finale doit être visible pour le citoyen.",
        "nl": "Een definitief antwoord moet zichtbaar zijn voor de burger.",
    },
    # ------------------------------------------------------------------ help and prompt
    "Scroll down": {"fr": "Descendre", "nl": "Omlaag"},
    "Scroll up": {"fr": "Monter", "nl": "Omhoog"},
    "j/k or arrows move · enter opens · esc goes back · / filters · "
    "space marks · ctrl+p lists every action · ? this help": {
        "fr": "j/k ou flèches: se déplacer · entrée: ouvrir · esc: retour · /: filtrer · "
        "espace: marquer · ctrl+p: toutes les actions · ?: cette aide",
        "nl": "j/k of pijlen: bewegen · enter: openen · esc: terug · /: filteren · "
        "spatie: markeren · ctrl+p: alle acties · ?: deze help",
    },
    "Keys of this screen": {"fr": "Touches de cet écran", "nl": "Toetsen van dit scherm"},
    "Support: for any other question, remark or problem, write to {email}.": {
        "fr": "Support: pour toute autre question, remarque ou problème, "
        "envoyez un email à {email}.",
        "nl": "Support: voor elke andere vraag, opmerking of elk probleem, mail naar {email}.",
    },
    "esc closes · j/k scroll": {
        "fr": "esc: fermer · j/k: défiler",
        "nl": "esc: sluiten · j/k: scrollen",
    },
    "enter: confirm · esc: cancel": {
        "fr": "entrée: confirmer · esc: annuler",
        "nl": "enter: bevestigen · esc: annuleren",
    },
    # ------------------------------------------------------------------ citizen
    "Born": {"fr": "Né(e) le", "nl": "Geboren op"},
    "Language": {"fr": "Langue", "nl": "Taal"},
    "{count} contact files": {
        "fr": "{count} dossier(s) de contact",
        "nl": "{count} contactdossier(s)",
    },
    "Files": {"fr": "Dossiers", "nl": "Dossiers"},
    "All contact files of the citizen, closed ones included": {
        "fr": "Tous les dossiers de contact du citoyen, clôturés compris",
        "nl": "Alle contactdossiers van de burger, ook de afgesloten",
    },
    "All contact files": {"fr": "Tous les dossiers de contact", "nl": "Alle contactdossiers"},
    "Timeline": {"fr": "Ligne du temps", "nl": "Tijdlijn"},
    "Timeline (agent view)": {
        "fr": "Ligne du temps (vue agent)",
        "nl": "Tijdlijn (agentweergave)",
    },
    "Timeline (citizen)": {"fr": "Ligne du temps (citoyen)", "nl": "Tijdlijn (burger)"},
    "Timeline (citizen view)": {
        "fr": "Ligne du temps (vue citoyen)",
        "nl": "Tijdlijn (burgerweergave)",
    },
    "Career detail": {"fr": "Carrière en détail", "nl": "Loopbaan in detail"},
    "Career detail (agent view)": {
        "fr": "Carrière en détail (vue agent)",
        "nl": "Loopbaan in detail (agentweergave)",
    },
    "Career detail (citizen)": {
        "fr": "Carrière en détail (citoyen)",
        "nl": "Loopbaan in detail (burger)",
    },
    "Career detail (citizen view)": {
        "fr": "Carrière en détail (vue citoyen)",
        "nl": "Loopbaan in detail (burgerweergave)",
    },
    "New file": {"fr": "Nouveau", "nl": "Nieuw"},
    "Encode a new contact file on behalf of the citizen": {
        "fr": "Encoder un nouveau dossier de contact à la place du citoyen",
        "nl": "Een nieuw contactdossier invoeren namens de burger",
    },
    "New contact file": {"fr": "Nouveau dossier de contact", "nl": "Nieuw contactdossier"},
    # ------------------------------------------------------------------ citizen search
    "Enter a NISS, e.g. 85.07.30-033.28": {
        "fr": "Entrez un NISS, p. ex. 85.07.30-033.28",
        "nl": "Geef een INSZ in, bv. 85.07.30-033.28",
    },
    "A NISS holds only digits, dots and dashes": {
        "fr": "Un NISS ne contient que des chiffres, des points et des tirets",
        "nl": "Een INSZ bevat alleen cijfers, punten en streepjes",
    },
    "A NISS has 11 digits, not {count}": {
        "fr": "Un NISS a 11 chiffres, pas {count}",
        "nl": "Een INSZ heeft 11 cijfers, niet {count}",
    },
    "These check digits are wrong: please check the NISS": {
        "fr": "Chiffres de contrôle erronés: vérifiez le NISS",
        "nl": "Foutieve controlecijfers: controleer het INSZ",
    },
    "Write the birth date as dd/mm/yyyy": {
        "fr": "Écrivez la date de naissance sous la forme jj/mm/aaaa",
        "nl": "Schrijf de geboortedatum als dd/mm/jjjj",
    },
    "{date} is not a date": {"fr": "{date} n'est pas une date", "nl": "{date} is geen datum"},
    "The birth date must lie between 1900 and today": {
        "fr": "La date de naissance doit se situer entre 1900 et aujourd'hui",
        "nl": "De geboortedatum moet tussen 1900 en vandaag liggen",
    },
    "Enter at least the last name": {
        "fr": "Entrez au moins le nom",
        "nl": "Geef minstens de familienaam in",
    },
    "Clear": {"fr": "Effacer", "nl": "Wissen"},
    "Clear the search fields and results": {
        "fr": "Effacer les champs et les résultats de la recherche",
        "nl": "De zoekvelden en resultaten wissen",
    },
    "NISS": {"fr": "NISS", "nl": "INSZ"},
    "or by identity data": {
        "fr": "ou par données d'identification",
        "nl": "of via identificatiegegevens",
    },
    "Last name": {"fr": "Nom", "nl": "Familienaam"},
    "First name": {"fr": "Prénom", "nl": "Voornaam"},
    "Birth date": {"fr": "Né(e) le", "nl": "Geboren op"},  # a label 11 cells wide
    "dd/mm/yyyy": {"fr": "jj/mm/aaaa", "nl": "dd/mm/jjjj"},
    "Name": {"fr": "Nom", "nl": "Naam"},
    "Searching…": {"fr": "Recherche…", "nl": "Zoeken…"},
    "No citizen found": {"fr": "Aucun citoyen trouvé", "nl": "Geen burger gevonden"},
    "{count} citizens found — enter opens one": {
        "fr": "{count} citoyen(s) trouvé(s) — entrée en ouvre un",
        "nl": "{count} burger(s) gevonden — enter opent er een",
    },
    # ------------------------------------------------------- purpose, roles, search limits
    "Why do you open this citizen's data? (stored in the access log)": {
        "fr": "Pourquoi ouvrez-vous les données de ce citoyen ? "
        "(enregistré dans le journal des accès)",
        "nl": "Waarom opent u de gegevens van deze burger? (bewaard in het toegangslogboek)",
    },
    "e.g. phone call from the citizen, ref …": {
        "fr": "p. ex. appel téléphonique du citoyen, réf. …",
        "nl": "bv. telefoontje van de burger, ref. …",
    },
    "Give a reason of at least {count} characters.": {
        "fr": "Donnez une raison d'au moins {count} caractères.",
        "nl": "Geef een reden van minstens {count} tekens.",
    },
    "Keep the reason under {count} characters.": {
        "fr": "La raison doit faire moins de {count} caractères.",
        "nl": "Houd de reden onder {count} tekens.",
    },
    "A purpose is needed to read this citizen's data.": {
        "fr": "Une finalité est nécessaire pour consulter les données de ce citoyen.",
        "nl": "Er is een doel nodig om de gegevens van deze burger te raadplegen.",
    },
    "That contact file is no purpose for this citizen; give a reason instead.": {
        "fr": "Ce dossier de contact ne justifie pas l'accès à ce citoyen; donnez une raison.",
        "nl": "Dit contactdossier rechtvaardigt geen toegang tot deze burger; geef een reden.",
    },
    "Enter a full NISS or at least {count} letters of the last name.": {
        "fr": "Entrez un NISS complet ou au moins {count} lettres du nom.",
        "nl": "Geef een volledig INSZ of minstens {count} letters van de naam.",
    },
    "Too many searches in a minute: try again in {seconds} s.": {
        "fr": "Trop de recherches en une minute : réessayez dans {seconds} s.",
        "nl": "Te veel zoekopdrachten in een minuut: probeer opnieuw over {seconds} s.",
    },
    "The agent view (sanctions, future data) is for the role "
    "“Athena Gestion de Dossiers”; your role shows the citizen view.": {
        "fr": "La vue agent (sanctions, données futures) est réservée au rôle "
        "« Athena Gestion de Dossiers »; votre rôle montre la vue citoyen.",
        "nl": "De agentweergave (sancties, toekomstige gegevens) is voor de rol "
        "„Athena Dossierbeheer”; uw rol toont de burgerweergave.",
    },
    "Not for your role": {"fr": "Pas pour votre rôle", "nl": "Niet voor uw rol"},
    "Agent view not available": {
        "fr": "Vue agent indisponible",
        "nl": "Agentweergave niet beschikbaar",
    },
    "Why your role does not show the agent view": {
        "fr": "Pourquoi votre rôle ne montre pas la vue agent",
        "nl": "Waarom uw rol de agentweergave niet toont",
    },
    "More results": {"fr": "Plus de résultats", "nl": "Meer resultaten"},
    "Show the next page of citizens found": {
        "fr": "Afficher la page suivante des citoyens trouvés",
        "nl": "Toon de volgende pagina van de gevonden burgers",
    },
    "{count} citizens shown — more results: ctrl+n; enter opens one": {
        "fr": "{count} citoyens affichés — plus de résultats : ctrl+n; entrée en ouvre un",
        "nl": "{count} burgers getoond — meer resultaten: ctrl+n; enter opent er een",
    },
    # ------------------------------------------------------------------ new contact file
    "Choose a category": {"fr": "Choisissez une catégorie", "nl": "Kies een categorie"},
    "The year has 4 digits, e.g. 2012": {
        "fr": "L'année a 4 chiffres, p. ex. 2012",
        "nl": "Het jaar heeft 4 cijfers, bv. 2012",
    },
    "The year must lie between {first} and {last}": {
        "fr": "L'année doit se situer entre {first} et {last}",
        "nl": "Het jaar moet tussen {first} en {last} liggen",
    },
    "The career element is too long (300 characters at most)": {
        "fr": "L'élément de carrière est trop long (300 caractères maximum)",
        "nl": "Het loopbaanelement is te lang (maximaal 300 tekens)",
    },
    "The question is required": {
        "fr": "La question est obligatoire",
        "nl": "De vraag is verplicht",
    },
    "Choose a priority": {"fr": "Choisissez une priorité", "nl": "Kies een prioriteit"},
    "Choose a group": {"fr": "Choisissez un groupe", "nl": "Kies een groep"},
    "No group available": {"fr": "Aucun groupe disponible", "nl": "Geen groep beschikbaar"},
    "Create": {"fr": "Créer", "nl": "Aanmaken"},
    "Create the contact file, assigned to me, and open it": {
        "fr": "Créer le dossier de contact, me l'assigner et l'ouvrir",
        "nl": "Het contactdossier aanmaken, aan mij toewijzen en openen",
    },
    "Category": {"fr": "Catégorie", "nl": "Categorie"},
    "Year": {"fr": "Année", "nl": "Jaar"},
    "e.g. 2012": {"fr": "p. ex. 2012", "nl": "bv. 2012"},
    "Career element": {"fr": "Élément de carrière", "nl": "Loopbaanelement"},
    "employer, period, attestation…": {
        "fr": "employeur, période, attestation…",
        "nl": "werkgever, periode, attest…",
    },
    "Loading groups…": {"fr": "Chargement des groupes…", "nl": "Groepen laden…"},
    "Question": {"fr": "Question", "nl": "Vraag"},
    "Not created: {reason}": {"fr": "Non créé: {reason}", "nl": "Niet aangemaakt: {reason}"},
    "Contact file {ticket} created": {
        "fr": "Dossier de contact {ticket} créé",
        "nl": "Contactdossier {ticket} aangemaakt",
    },
    "Discard this new contact file?": {
        "fr": "Abandonner ce nouveau dossier de contact?",
        "nl": "Dit nieuwe contactdossier annuleren?",
    },
    "What you typed will be lost.": {
        "fr": "Ce que vous avez saisi sera perdu.",
        "nl": "Wat u typte, gaat verloren.",
    },
    "Discard": {"fr": "Abandonner", "nl": "Annuleren"},
    "Career data": {"fr": "Données de carrière", "nl": "Loopbaangegevens"},
    "Pension estimate": {"fr": "Estimation de pension", "nl": "Pensioenraming"},
    "Attestation": {"fr": "Attestation", "nl": "Attest"},
    "Other": {"fr": "Autre", "nl": "Andere"},
    # ------------------------------------------------------------------ career views
    "The career could not be loaded: {reason}": {
        "fr": "La carrière n'a pas pu être chargée: {reason}",
        "nl": "De loopbaan kon niet geladen worden: {reason}",
    },
    "{what} (agent view)": {"fr": "{what} (vue agent)", "nl": "{what} (agentweergave)"},
    "{what} (citizen view)": {"fr": "{what} (vue citoyen)", "nl": "{what} (burgerweergave)"},
    "Report a problem": {"fr": "Signaler un problème", "nl": "Een probleem melden"},
    "Open a new contact file about this block": {
        "fr": "Ouvrir un nouveau dossier de contact sur ce bloc",
        "nl": "Een nieuw contactdossier over dit blok openen",
    },
    "Block detail": {"fr": "Détail du bloc", "nl": "Detail van het blok"},
    "!: report a problem · esc: close": {
        "fr": "!: signaler un problème · esc: fermer",
        "nl": "!: een probleem melden · esc: sluiten",
    },
    "Citizen view — exactly what the citizen sees": {
        "fr": "Vue citoyen — exactement ce que voit le citoyen",
        "nl": "Burgerweergave — precies wat de burger ziet",
    },
    "My CV": {"fr": "Mon CV", "nl": "Mijn cv"},
    "Per year": {"fr": "Par an", "nl": "Per jaar"},
    "Per period": {"fr": "Par période", "nl": "Per periode"},
    "From": {"fr": "Début", "nl": "Van"},
    "To": {"fr": "Fin", "nl": "Tot"},
    "Kind": {"fr": "Type", "nl": "Soort"},
    "Employer / institution": {"fr": "Employeur / institution", "nl": "Werkgever / instelling"},
    "Employers": {"fr": "Employeurs", "nl": "Werkgevers"},
    "Days": {"fr": "Jours", "nl": "Dagen"},
    "days": {"fr": "jours", "nl": "dagen"},
    "Days per status": {"fr": "Jours par statut", "nl": "Dagen per statuut"},
    "Remuneration": {"fr": "Rémunération", "nl": "Loon"},
    "No professional status": {"fr": "Sans statut professionnel", "nl": "Geen beroepsstatuut"},
    "future": {"fr": "futur", "nl": "toekomst"},
    "today": {"fr": "aujourd'hui", "nl": "vandaag"},
    "No career data": {"fr": "Aucune donnée de carrière", "nl": "Geen loopbaangegevens"},
    "—": {"fr": "—", "nl": "—"},
    "Whole career": {"fr": "Toute la carrière", "nl": "Volledige loopbaan"},
    "Decade": {"fr": "Décennie", "nl": "Decennium"},
    "From – to": {"fr": "Du – au", "nl": "Van – tot"},
    "Dated in the future (not shown to the citizen)": {
        "fr": "Daté dans le futur (non montré au citoyen)",
        "nl": "In de toekomst gedateerd (niet getoond aan de burger)",
    },
    "! report a problem": {"fr": "! signaler un problème", "nl": "! een probleem melden"},
    # Lane names of the timeline: 20 cells at most.
    "Employee": {"fr": "Salarié", "nl": "Werknemer"},
    "Self-employed": {"fr": "Indépendant", "nl": "Zelfstandige"},
    "Civil servant": {"fr": "Fonctionnaire", "nl": "Ambtenaar"},
    "Unemployment": {"fr": "Chômage", "nl": "Werkloosheid"},
    "Sickness": {"fr": "Maladie", "nl": "Ziekte"},
    "Invalidity": {"fr": "Invalidité", "nl": "Invaliditeit"},
    "Maternity": {"fr": "Maternité", "nl": "Moederschap"},
    "Career break": {"fr": "Interr. de carrière", "nl": "Loopbaanonderbreking"},
    "Military service": {"fr": "Service militaire", "nl": "Legerdienst"},
    "Studies": {"fr": "Études", "nl": "Studies"},
    "Notice period": {"fr": "Préavis", "nl": "Opzeggingstermijn"},
    "Sanction MC call": {"fr": "Sanction appel MC", "nl": "Sanctie oproep AG"},
    "Sanction late decl.": {"fr": "Sanction décl. tard.", "nl": "Sanctie late aang."},
    "INAMI sanction": {"fr": "Sanction INAMI", "nl": "RIZIV-sanctie"},
    # widget key descriptions (athena_tui/widget_bindings.py)
    "Choose": {"fr": "Choisir", "nl": "Kiezen"},
    "Clear marks": {"fr": "Effacer les marques", "nl": "Markeringen wissen"},
    "Confirm": {"fr": "Confirmer", "nl": "Bevestigen"},
    "Detail": {"fr": "Détail", "nl": "Detail"},
    "Down": {"fr": "Bas", "nl": "Omlaag"},
    "First": {"fr": "Premier", "nl": "Eerste"},
    "First block of the lane": {"fr": "Premier bloc de la ligne", "nl": "Eerste blok van de rij"},
    "Half page down": {"fr": "Demi-page suivante", "nl": "Halve pagina omlaag"},
    "Half page up": {"fr": "Demi-page précédente", "nl": "Halve pagina omhoog"},
    "Lane above, block nearest in time": {
        "fr": "Ligne au-dessus, bloc le plus proche dans le temps",
        "nl": "Rij erboven, blok het dichtst in de tijd",
    },
    "Lane below, block nearest in time": {
        "fr": "Ligne en dessous, bloc le plus proche dans le temps",
        "nl": "Rij eronder, blok het dichtst in de tijd",
    },
    "Lane down": {"fr": "Ligne suivante", "nl": "Volgende rij"},
    "Lane up": {"fr": "Ligne précédente", "nl": "Vorige rij"},
    "Last": {"fr": "Dernier", "nl": "Laatste"},
    "Last block of the lane": {"fr": "Dernier bloc de la ligne", "nl": "Laatste blok van de rij"},
    "Mark": {"fr": "Marquer", "nl": "Markeren"},
    "Mark all": {"fr": "Tout marquer", "nl": "Alles markeren"},
    "Mark and move down": {"fr": "Marquer et descendre", "nl": "Markeren en omlaag"},
    "Mark down": {"fr": "Marquer vers le bas", "nl": "Markeren omlaag"},
    "Mark up": {"fr": "Marquer vers le haut", "nl": "Markeren omhoog"},
    "Next": {"fr": "Suivant", "nl": "Volgende"},
    "Next block": {"fr": "Bloc suivant", "nl": "Volgend blok"},
    "Next message": {"fr": "Message suivant", "nl": "Volgend bericht"},
    "Next row": {"fr": "Ligne suivante", "nl": "Volgende regel"},
    "First row": {"fr": "Première ligne", "nl": "Eerste regel"},
    "Last row": {"fr": "Dernière ligne", "nl": "Laatste regel"},
    "No": {"fr": "Non", "nl": "Nee"},
    "Open": {"fr": "Ouvrir", "nl": "Openen"},
    "Open a new contact file about the selected block": {
        "fr": "Ouvrir un nouveau dossier de contact sur le bloc choisi",
        "nl": "Een nieuw contactdossier openen over het gekozen blok",
    },
    "Open a new contact file about the selected element": {
        "fr": "Ouvrir un nouveau dossier de contact sur l'élément choisi",
        "nl": "Een nieuw contactdossier openen over het gekozen element",
    },
    "Open the file": {"fr": "Ouvrir le dossier", "nl": "Het dossier openen"},
    "Page down": {"fr": "Page suivante", "nl": "Pagina omlaag"},
    "Page up": {"fr": "Page précédente", "nl": "Pagina omhoog"},
    "Previous": {"fr": "Précédent", "nl": "Vorige"},
    "Previous block": {"fr": "Bloc précédent", "nl": "Vorig blok"},
    "Previous message": {"fr": "Message précédent", "nl": "Vorig bericht"},
    "Previous row": {"fr": "Ligne précédente", "nl": "Vorige regel"},
    "Range": {"fr": "Plage", "nl": "Bereik"},
    "Reverse sort": {"fr": "Inverser le tri", "nl": "Sortering omkeren"},
    "Show NISS": {"fr": "Voir le NISS", "nl": "INSZ tonen"},
    "Show the whole NISS of the file under the cursor (hidden again once the cursor moves)": {
        "fr": "Voir le NISS complet du dossier sous le curseur (masqué à nouveau dès que "
        "le curseur bouge)",
        "nl": "Het volledige INSZ van het dossier onder de cursor tonen (weer verborgen "
        "zodra de cursor beweegt)",
    },
    "Select the next message": {
        "fr": "Sélectionner le message suivant",
        "nl": "Het volgende bericht kiezen",
    },
    "Select the previous message": {
        "fr": "Sélectionner le message précédent",
        "nl": "Het vorige bericht kiezen",
    },
    "Show My CV": {"fr": "Afficher Mon CV", "nl": "Mijn cv tonen"},
    "Show the block's detail": {
        "fr": "Afficher le détail du bloc",
        "nl": "Het detail van het blok tonen",
    },
    "Show the career per professional status (agent view)": {
        "fr": "Afficher la carrière par statut professionnel (vue agent)",
        "nl": "De loopbaan per beroepsstatuut tonen (agentweergave)",
    },
    "Show the career per year": {
        "fr": "Afficher la carrière par an",
        "nl": "De loopbaan per jaar tonen",
    },
    "Sort": {"fr": "Trier", "nl": "Sorteren"},
    "Sort by next column": {
        "fr": "Trier sur la colonne suivante",
        "nl": "Sorteren op de volgende kolom",
    },
    "Start/end a range mark": {
        "fr": "Début/fin d'une plage marquée",
        "nl": "Begin/einde van een gemarkeerd bereik",
    },
    "Up": {"fr": "Haut", "nl": "Omhoog"},
    "Yes": {"fr": "Oui", "nl": "Ja"},
    "Zoom in": {"fr": "Zoom avant", "nl": "Inzoomen"},
    "Zoom in on the selected block (career → decade → year)": {
        "fr": "Zoomer sur le bloc choisi (carrière → décennie → année)",
        "nl": "Inzoomen op het gekozen blok (loopbaan → decennium → jaar)",
    },
    "Zoom out": {"fr": "Zoom arrière", "nl": "Uitzoomen"},
}


SHORT: dict[str, dict[str, str]] = {
    "Group queue": {"fr": "Groupe", "nl": "Groep"},
    "My files": {"fr": "Mes dossiers", "nl": "Mijn dossiers"},
    "Treated files": {"fr": "Traités", "nl": "Behandeld"},
    "Citizen search": {"fr": "Citoyen", "nl": "Burger"},
}
"""Short forms for the dashboard tab strip (see ``i18n.t_short``)."""
