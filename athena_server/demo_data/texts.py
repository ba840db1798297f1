"""Message templates of the demo contact files, per topic and language (fr, nl, de).

Placeholders: {first} {last} (citizen), {agent} (agent name), {year}, {employer}.
"""

from __future__ import annotations

from dataclasses import dataclass

Lang = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    """One kind of question citizens ask about their career."""

    id: str
    category: str  # career_data | pension | attestation
    element: str  # employee | military_service | ... : which career element it is about
    subject: Lang
    question: Lang
    reply: Lang
    final: Lang


TOPICS: tuple[Topic, ...] = (
    Topic(
        "missing_year",
        "career_data",
        "employee",
        {
            "fr": ("Année {year} manquante dans ma carrière", "Il manque l'année {year}"),
            "nl": ("Jaar {year} ontbreekt in mijn loopbaan", "Ontbrekend jaar {year}"),
            "de": ("Jahr {year} fehlt in meiner Laufbahn",),
        },
        {
            "fr": (
                "Bonjour,\n\nEn consultant My Career, je constate que l'année {year} n'apparaît "
                "pas. J'ai pourtant travaillé toute l'année chez {employer}. Pouvez-vous "
                "vérifier ?\n\nMerci d'avance,\n{first} {last}",
                "Madame, Monsieur,\n\nMa carrière s'arrête en {year} alors que je travaille "
                "toujours chez {employer}. Est-ce normal ?\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIn Mijn Loopbaan zie ik het jaar {year} niet staan. Ik heb dat "
                "hele jaar bij {employer} gewerkt. Kunnen jullie dit nakijken?\n\n"
                "Met vriendelijke groeten,\n{first} {last}",
                "Beste,\n\nMijn loopbaan stopt in {year}, maar ik werk nog altijd bij "
                "{employer}. Is dat normaal?\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nIn My Career fehlt das Jahr {year}. Ich habe das ganze Jahr bei "
                "{employer} gearbeitet. Können Sie das prüfen?\n\nMit freundlichen Grüßen\n"
                "{first} {last}",
            ),
        },
        {
            "fr": (
                "Nous avons interrogé l'ONSS au sujet des déclarations de {employer} pour "
                "{year}. Nous revenons vers vous dès réception de leur réponse.",
            ),
            "nl": (
                "We hebben de RSZ gevraagd naar de aangiften van {employer} voor {year}. "
                "We komen bij u terug zodra we hun antwoord hebben.",
            ),
            "de": ("Wir haben beim LSS die Meldungen von {employer} für {year} angefragt.",),
        },
        {
            "fr": (
                "La déclaration de {employer} pour {year} a été reçue entre-temps ; l'année "
                "apparaît maintenant dans votre carrière.",
                "Les données de {year} arrivent avec un délai d'environ deux trimestres. Elles "
                "seront visibles dans My Career au plus tard le trimestre prochain.",
            ),
            "nl": (
                "De aangifte van {employer} voor {year} is intussen ontvangen; het jaar staat "
                "nu in uw loopbaan.",
                "De gegevens van {year} komen met ongeveer twee kwartalen vertraging binnen. "
                "Ze verschijnen uiterlijk volgend kwartaal in Mijn Loopbaan.",
            ),
            "de": (
                "Die Meldung von {employer} für {year} ist inzwischen eingegangen; das Jahr "
                "erscheint jetzt in Ihrer Laufbahn.",
            ),
        },
    ),
    Topic(
        "wrong_salary",
        "career_data",
        "employee",
        {
            "fr": ("Salaire {year} incorrect", "Rémunération erronée chez {employer}"),
            "nl": ("Loon {year} niet correct", "Verkeerd loon bij {employer}"),
            "de": ("Falsches Gehalt {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nLe salaire indiqué pour {year} chez {employer} est bien plus bas "
                "que ce que j'ai reçu (voir ma fiche 281.10 en pièce jointe).\n\n{first} {last}",
                "Bonjour, la rémunération de {year} me semble fausse, il manque le pécule de "
                "vacances. Merci de corriger. {first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nHet loon voor {year} bij {employer} ligt veel lager dan wat ik "
                "ontvangen heb (zie mijn fiche 281.10 in bijlage).\n\n{first} {last}",
                "Hallo, het loon van {year} klopt niet, het vakantiegeld ontbreekt. Graag "
                "aanpassen. {first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nDas Gehalt für {year} bei {employer} ist zu niedrig angegeben "
                "(siehe Lohnsteuerkarte 281.10 im Anhang).\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "Les montants affichés sont ceux déclarés par {employer}. Nous avons demandé "
                "à l'employeur de vérifier sa déclaration pour {year}.",
            ),
            "nl": (
                "De bedragen zijn die welke {employer} aangegeven heeft. We hebben de werkgever "
                "gevraagd zijn aangifte voor {year} na te kijken.",
            ),
            "de": ("Die Beträge stammen aus der Meldung von {employer} für {year}.",),
        },
        {
            "fr": (
                "{employer} a rectifié sa déclaration pour {year}. Le montant corrigé est "
                "visible dans My Career.",
                "Le pécule de vacances n'est pas repris dans la rémunération de carrière ; le "
                "montant de {year} est donc correct.",
            ),
            "nl": (
                "{employer} heeft de aangifte voor {year} verbeterd. Het juiste bedrag staat "
                "nu in Mijn Loopbaan.",
                "Vakantiegeld telt niet mee in het loopbaanloon; het bedrag voor {year} is dus "
                "correct.",
            ),
            "de": ("{employer} hat die Meldung für {year} berichtigt.",),
        },
    ),
    Topic(
        "military_missing",
        "career_data",
        "military_service",
        {
            "fr": ("Service militaire absent", "Mon service militaire n'est pas repris"),
            "nl": ("Legerdienst ontbreekt", "Mijn legerdienst staat er niet in"),
            "de": ("Militärdienst fehlt",),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai fait mon service militaire en {year} (12 mois, caserne de "
                "Marche-en-Famenne) mais il n'apparaît pas dans ma carrière.\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk heb in {year} mijn legerdienst gedaan (12 maanden, kazerne "
                "Leopoldsburg) maar die staat niet in mijn loopbaan.\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nich habe {year} meinen Militärdienst geleistet, er fehlt in "
                "meiner Laufbahn.\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "Pouvez-vous nous transmettre une copie de votre livret militaire ou de "
                "l'attestation de la Défense ?",
            ),
            "nl": (
                "Kunt u ons een kopie van uw militair zakboekje of het attest van Defensie "
                "bezorgen?",
            ),
            "de": ("Bitte senden Sie uns eine Kopie Ihres Militärbuchs.",),
        },
        {
            "fr": (
                "La Défense a confirmé votre service militaire de {year}. La période est "
                "ajoutée comme période assimilée.",
            ),
            "nl": (
                "Defensie heeft uw legerdienst van {year} bevestigd. De periode is toegevoegd "
                "als gelijkgestelde periode.",
            ),
            "de": ("Ihr Militärdienst von {year} wurde als gleichgestellte Zeit eingetragen.",),
        },
    ),
    Topic(
        "unemployment",
        "career_data",
        "unemployment",
        {
            "fr": ("Période de chômage {year}", "Chômage {year} mal repris"),
            "nl": ("Werkloosheid {year}", "Periode werkloosheid {year} niet correct"),
            "de": ("Arbeitslosigkeit {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai été au chômage en {year} après mon licenciement chez "
                "{employer}, mais seuls quelques jours sont repris. Pourquoi ?\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk was werkloos in {year} na mijn ontslag bij {employer}, maar er "
                "staan maar enkele dagen. Hoe komt dat?\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nich war {year} nach meiner Entlassung bei {employer} arbeitslos, "
                "es sind aber nur wenige Tage eingetragen.\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "Nous avons demandé à l'organisme de paiement le détail des jours "
                "indemnisés en {year}.",
            ),
            "nl": (
                "We hebben de uitbetalingsinstelling gevraagd naar de vergoede dagen in {year}.",
            ),
            "de": ("Wir haben die Zahlstelle um die Einzelheiten für {year} gebeten.",),
        },
        {
            "fr": (
                "Seuls les jours indemnisés par l'ONEM sont assimilés. L'organisme de paiement "
                "a complété les jours de {year} ; ils sont maintenant visibles.",
            ),
            "nl": (
                "Alleen door de RVA vergoede dagen worden gelijkgesteld. De "
                "uitbetalingsinstelling heeft de dagen van {year} aangevuld.",
            ),
            "de": ("Die Tage von {year} wurden von der Zahlstelle ergänzt.",),
        },
    ),
    Topic(
        "studies",
        "career_data",
        "studies",
        {
            "fr": ("Régularisation des années d'études", "Rachat de mes études"),
            "nl": ("Regularisatie studiejaren", "Studiejaren afkopen"),
            "de": ("Regularisierung der Studienjahre",),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai payé la régularisation de mes années d'études (1 500 € par "
                "année) mais elles ne figurent pas dans ma carrière.\n\n{first} {last}",
                "Combien coûte la régularisation de mes études terminées en {year} ? "
                "{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk heb de regularisatie van mijn studiejaren betaald (1 500 euro "
                "per jaar) maar ze staan niet in mijn loopbaan.\n\n{first} {last}",
                "Hoeveel kost de regularisatie van mijn studies die ik in {year} afrondde? "
                "{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nich habe die Regularisierung meiner Studienjahre bezahlt, sie "
                "erscheinen aber nicht.\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "La régularisation est traitée par le Service fédéral des Pensions ; nous "
                "leur avons transmis votre demande.",
            ),
            "nl": (
                "De regularisatie wordt behandeld door de Federale Pensioendienst; we hebben "
                "uw vraag doorgestuurd.",
            ),
            "de": ("Ihre Anfrage wurde an den Föderalen Pensionsdienst weitergeleitet.",),
        },
        {
            "fr": (
                "Vos années d'études régularisées sont désormais reprises comme périodes "
                "assimilées.",
                "La demande de régularisation se fait sur mypension.be ; le tarif de 1 500 € "
                "par année vaut dans les 10 ans qui suivent la fin des études.",
            ),
            "nl": (
                "Uw geregulariseerde studiejaren staan nu als gelijkgestelde periodes in uw "
                "loopbaan.",
                "De regularisatie vraagt u aan op mypension.be; het tarief van 1 500 euro per "
                "jaar geldt tot 10 jaar na het einde van de studies.",
            ),
            "de": ("Die regularisierten Studienjahre sind jetzt eingetragen.",),
        },
    ),
    Topic(
        "career_break",
        "career_data",
        "career_break",
        {
            "fr": ("Interruption de carrière {year}", "Crédit-temps non repris"),
            "nl": ("Loopbaanonderbreking {year}", "Tijdskrediet ontbreekt"),
            "de": ("Laufbahnunterbrechung {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nEn {year}, j'ai pris une interruption de carrière chez {employer}. "
                "Cette période compte-t-elle pour ma pension ?\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIn {year} nam ik loopbaanonderbreking bij {employer}. Telt die "
                "periode mee voor mijn pensioen?\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nzählt meine Laufbahnunterbrechung {year} bei {employer} für die "
                "Pension?\n\n{first} {last}",
            ),
        },
        {
            "fr": ("Nous vérifions auprès de l'ONEM le motif de votre interruption en {year}.",),
            "nl": ("We kijken bij de RVA het motief van uw onderbreking in {year} na.",),
            "de": ("Wir prüfen beim LfA den Grund Ihrer Unterbrechung {year}.",),
        },
        {
            "fr": (
                "Votre interruption de {year} avait un motif (soins à un enfant) ; elle est "
                "assimilée et apparaît dans votre carrière.",
            ),
            "nl": (
                "Uw onderbreking in {year} had een motief (zorg voor een kind); ze is "
                "gelijkgesteld en staat in uw loopbaan.",
            ),
            "de": ("Ihre Unterbrechung {year} ist gleichgestellt.",),
        },
    ),
    Topic(
        "pension_estimate",
        "pension",
        "employee",
        {
            "fr": ("Estimation de ma pension", "Quand puis-je partir à la pension ?"),
            "nl": ("Raming van mijn pensioen", "Wanneer kan ik met pensioen?"),
            "de": ("Schätzung meiner Pension",),
        },
        {
            "fr": (
                "Bonjour,\n\nJe voudrais savoir à quelle date je peux prendre ma pension "
                "anticipée et quel montant je peux espérer.\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk wil graag weten vanaf wanneer ik vervroegd met pensioen kan "
                "en welk bedrag ik mag verwachten.\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nab wann kann ich in Frührente gehen und mit welchem Betrag?\n\n"
                "{first} {last}",
            ),
        },
        {
            "fr": (
                "Votre carrière compte actuellement les jours repris dans My Career ; nous "
                "transmettons votre question au SFP pour l'estimation.",
            ),
            "nl": ("We sturen uw vraag door naar de Federale Pensioendienst voor de raming.",),
            "de": ("Wir leiten Ihre Frage an den Pensionsdienst weiter.",),
        },
        {
            "fr": (
                "Vous trouverez la date de pension la plus proche et une estimation du montant "
                "sur mypension.be, rubrique « Ma date de pension ».",
            ),
            "nl": (
                "U vindt uw vroegste pensioendatum en een raming van het bedrag op "
                "mypension.be, rubriek \u201cMijn pensioendatum\u201d.",
            ),
            "de": ("Ihr frühestes Pensionsdatum finden Sie auf mypension.be.",),
        },
    ),
    Topic(
        "self_employed_quarter",
        "career_data",
        "self_employed",
        {
            "fr": ("Trimestre manquant comme indépendant en {year}",),
            "nl": ("Ontbrekend kwartaal als zelfstandige in {year}",),
            "de": ("Fehlendes Quartal als Selbständiger {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai payé mes cotisations sociales pour tout {year} mais le "
                "troisième trimestre manque dans ma carrière d'indépendant.\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk heb mijn sociale bijdragen voor heel {year} betaald maar het "
                "derde kwartaal ontbreekt in mijn loopbaan als zelfstandige.\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nfür {year} fehlt das dritte Quartal meiner selbständigen "
                "Tätigkeit.\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "Nous avons interrogé votre caisse d'assurances sociales et l'INASTI pour {year}.",
            ),
            "nl": ("We hebben uw sociaal verzekeringsfonds en het RSVZ bevraagd voor {year}.",),
            "de": ("Wir haben Ihre Sozialversicherungskasse für {year} befragt.",),
        },
        {
            "fr": ("La caisse a confirmé le paiement ; le trimestre de {year} est ajouté.",),
            "nl": ("Het fonds bevestigde de betaling; het kwartaal van {year} is toegevoegd.",),
            "de": ("Das Quartal {year} wurde ergänzt.",),
        },
    ),
    Topic(
        "attestation",
        "attestation",
        "employee",
        {
            "fr": ("Envoi d'une attestation", "Attestation de mon employeur {employer}"),
            "nl": ("Attest doorsturen", "Attest van mijn werkgever {employer}"),
            "de": ("Bescheinigung senden",),
        },
        {
            "fr": (
                "Bonjour,\n\nVous trouverez en pièce jointe l'attestation de {employer} pour "
                "{year}, comme demandé.\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIn bijlage vindt u het attest van {employer} voor {year}, zoals "
                "gevraagd.\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nanbei die Bescheinigung von {employer} für {year}.\n\n"
                "{first} {last}",
            ),
        },
        {
            "fr": (
                "Merci, l'attestation est bien reçue. Nous la transmettons au service compétent.",
            ),
            "nl": (
                "Dank u, het attest is goed ontvangen. We bezorgen het aan de bevoegde dienst.",
            ),
            "de": ("Danke, die Bescheinigung ist eingegangen.",),
        },
        {
            "fr": ("L'attestation a été traitée et les données de {year} sont adaptées.",),
            "nl": ("Het attest is verwerkt en de gegevens van {year} zijn aangepast.",),
            "de": ("Die Bescheinigung wurde bearbeitet.",),
        },
    ),
    Topic(
        "maternity",
        "career_data",
        "maternity",
        {
            "fr": ("Repos de maternité {year} non repris",),
            "nl": ("Moederschapsrust {year} ontbreekt",),
            "de": ("Mutterschaftsurlaub {year} fehlt",),
        },
        {
            "fr": (
                "Bonjour,\n\nMon congé de maternité de {year} n'apparaît pas, seuls mes jours "
                "chez {employer} sont repris.\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nMijn moederschapsrust van {year} staat er niet in, alleen mijn "
                "dagen bij {employer}.\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nmein Mutterschaftsurlaub {year} fehlt in der Laufbahn.\n\n"
                "{first} {last}",
            ),
        },
        {
            "fr": ("Nous avons demandé les données de {year} à votre mutualité.",),
            "nl": ("We hebben de gegevens van {year} bij uw ziekenfonds opgevraagd.",),
            "de": ("Wir haben Ihre Krankenkasse für {year} angefragt.",),
        },
        {
            "fr": (
                "Votre mutualité a transmis le repos de maternité de {year} ; il est repris "
                "comme période assimilée.",
            ),
            "nl": (
                "Uw ziekenfonds heeft de moederschapsrust van {year} doorgegeven; ze staat "
                "als gelijkgestelde periode in uw loopbaan.",
            ),
            "de": ("Der Mutterschaftsurlaub {year} ist jetzt eingetragen.",),
        },
    ),
    Topic(
        "sickness",
        "career_data",
        "sickness",
        {
            "fr": ("Période de maladie {year}", "Incapacité de travail {year}"),
            "nl": ("Ziekteperiode {year}", "Arbeidsongeschiktheid {year}"),
            "de": ("Krankheit {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nJ'ai été en incapacité de travail plusieurs mois en {year}. "
                "Pourquoi y a-t-il moins de jours que prévu ?\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk was in {year} enkele maanden arbeidsongeschikt. Waarom staan "
                "er minder dagen dan verwacht?\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nich war {year} mehrere Monate arbeitsunfähig, es fehlen Tage.\n\n"
                "{first} {last}",
            ),
        },
        {
            "fr": ("Nous vérifions les jours indemnisés de {year} auprès de votre mutualité.",),
            "nl": ("We kijken de vergoede dagen van {year} na bij uw ziekenfonds.",),
            "de": ("Wir prüfen die Tage {year} bei Ihrer Krankenkasse.",),
        },
        {
            "fr": (
                "Les jours de {year} correspondent aux indemnités payées ; le premier mois "
                "est couvert par le salaire garanti de {employer}.",
            ),
            "nl": (
                "De dagen van {year} komen overeen met de betaalde uitkeringen; de eerste "
                "maand is gewaarborgd loon van {employer}.",
            ),
            "de": ("Die Tage {year} entsprechen den gezahlten Leistungen.",),
        },
    ),
    Topic(
        "unknown_employer",
        "career_data",
        "employee",
        {
            "fr": ("Employeur inconnu en {year}",),
            "nl": ("Onbekende werkgever in {year}",),
            "de": ("Unbekannter Arbeitgeber {year}",),
        },
        {
            "fr": (
                "Bonjour,\n\nJe n'ai jamais travaillé pour {employer}, pourtant cet employeur "
                "apparaît en {year}. S'agit-il d'une erreur ?\n\n{first} {last}",
            ),
            "nl": (
                "Goedendag,\n\nIk heb nooit voor {employer} gewerkt, toch staat die werkgever "
                "in {year}. Is dat een fout?\n\n{first} {last}",
            ),
            "de": (
                "Guten Tag,\n\nich habe nie für {employer} gearbeitet, trotzdem steht er im Jahr "
                "{year}.\n\n{first} {last}",
            ),
        },
        {
            "fr": (
                "Il s'agit probablement d'une agence d'intérim ou d'un changement de nom ; "
                "nous vérifions auprès de l'ONSS.",
            ),
            "nl": (
                "Wellicht gaat het om een interimkantoor of een naamswijziging; we kijken "
                "het na bij de RSZ.",
            ),
            "de": ("Wir prüfen das beim LSS.",),
        },
        {
            "fr": ("{employer} est le nouveau nom de votre ancien employeur depuis {year}.",),
            "nl": ("{employer} is sinds {year} de nieuwe naam van uw vroegere werkgever.",),
            "de": ("{employer} ist seit {year} der neue Name Ihres Arbeitgebers.",),
        },
    ),
)

GREETING = {
    "fr": "Bonjour {first} {last},\n\n",
    "nl": "Beste {first} {last},\n\n",
    "de": "Guten Tag {first} {last},\n\n",
}
SIGNATURE = {
    "fr": "\n\nCordialement,\n{agent}\nContact center My Career",
    "nl": "\n\nMet vriendelijke groeten,\n{agent}\nContactcenter Mijn Loopbaan",
    "de": "\n\nMit freundlichen Grüßen\n{agent}\nKontaktzentrum My Career",
}

FOLLOW_UPS: Lang = {
    "fr": (
        "Merci pour votre réponse. Avez-vous du nouveau ?",
        "Je n'ai toujours rien vu changer dans My Career pour {year}.",
        "Voici le document demandé.",
        "Bonjour, je me permets de relancer ma demande concernant {year}.",
        "Merci. Faut-il que je contacte moi-même {employer} ?",
        "D'accord, j'attends donc votre retour.",
    ),
    "nl": (
        "Bedankt voor uw antwoord. Is er al nieuws?",
        "Ik zie nog altijd niets veranderd in Mijn Loopbaan voor {year}.",
        "Hierbij het gevraagde document.",
        "Goedendag, ik stuur nog eens een herinnering over {year}.",
        "Dank u. Moet ik zelf contact opnemen met {employer}?",
        "Goed, ik wacht dan op uw antwoord.",
    ),
    "de": (
        "Danke für Ihre Antwort. Gibt es etwas Neues?",
        "Für {year} hat sich in My Career noch nichts geändert.",
        "Anbei das gewünschte Dokument.",
    ),
}

GENERIC_REPLIES: Lang = {
    "fr": (
        "Votre demande est toujours en cours de traitement. Nous attendons la réponse de "
        "l'institution concernée pour {year}.",
        "Nous avons bien reçu votre message et l'avons ajouté à votre dossier.",
        "Il n'est pas nécessaire de contacter {employer} vous-même : nous nous en chargeons.",
        "Les corrections apparaissent dans My Career dans un délai de deux à trois semaines "
        "après leur enregistrement.",
        "Nous avons relancé l'institution concernée ; merci pour votre patience.",
    ),
    "nl": (
        "Uw vraag wordt nog behandeld. We wachten op het antwoord van de betrokken "
        "instelling voor {year}.",
        "We hebben uw bericht goed ontvangen en aan uw dossier toegevoegd.",
        "U hoeft zelf geen contact op te nemen met {employer}: wij doen het nodige.",
        "Verbeteringen verschijnen in Mijn Loopbaan twee à drie weken nadat ze geregistreerd zijn.",
        "We hebben de betrokken instelling opnieuw aangeschreven; bedankt voor uw geduld.",
    ),
    "de": (
        "Ihre Anfrage wird noch bearbeitet. Wir warten auf die Antwort der Einrichtung für {year}.",
        "Wir haben Ihre Nachricht erhalten und Ihrer Akte hinzugefügt.",
        "Sie müssen {employer} nicht selbst kontaktieren.",
    ),
}

WAITING_REPLIES: Lang = {
    "fr": (
        "Pouvez-vous nous envoyer une copie de votre contrat ou de vos fiches de paie de {year} ?",
        "Pour avancer, nous avons besoin de l'attestation de {employer} pour {year}.",
    ),
    "nl": (
        "Kunt u ons een kopie van uw contract of uw loonfiches van {year} bezorgen?",
        "Om verder te kunnen hebben we het attest van {employer} voor {year} nodig.",
    ),
    "de": ("Bitte senden Sie uns Ihre Gehaltsabrechnungen von {year}.",),
}

INTERNAL_NOTES: Lang = {
    "fr": (
        "Vérifié dans la DmfA : {employer} n'a rien déclaré pour le T3 {year}.",
        "Appel du citoyen ce matin, il renverra le document. À suivre.",
        "Demande transmise au SFP par e-mail, réf. interne {year}-{employer}.",
        "Attention : sanction INAMI sur cette période, ne pas en parler au citoyen.",
    ),
    "nl": (
        "Nagekeken in DmfA: {employer} heeft niets aangegeven voor K3 {year}.",
        "Burger belde vanochtend, stuurt het document opnieuw. Op te volgen.",
        "Vraag per mail doorgestuurd naar de FPD.",
        "Let op: RIZIV-sanctie op deze periode, niet met de burger bespreken.",
    ),
    "de": ("Im DmfA geprüft: keine Meldung von {employer} für {year}.",),
}

# A few citizens paste text that looks like Rich markup; it must be shown as typed.
MARKUP_LOOKALIKES: tuple[str, ...] = (
    "\n\nPS : sur mon écran il est écrit [bold]Aucune donnée[/bold] pour {year}.",
    "\n\nZie [link=https://www.mycareer.be]mijn loopbaan[/link] en [red]dringend[/red]!",
    "\n\n[i]copié de My Career :[/i] [b]{employer}[/b] – 0 jours",
    "\n\nJe ne comprends pas le code [/] ni [blink]ERREUR[/blink] affiché.",
)
