"""The named rules of the risk check: what they catch, and the everyday language,
recovery stories, mentions and helplines they must leave alone. Pure: no model, no DB."""

import pytest

from moderation.classifier.labels import (
    HARASSMENT,
    HARM_TO_OTHERS,
    HIGH,
    IMMINENT_RISK,
    NORMAL,
    PERSONAL_INFO,
    SELF_HARM,
    SPAM,
    SUICIDAL_IDEATION,
    URGENT,
)
from moderation.classifier.rules_contact import mentions_masked
from moderation.classifier.ruleset import rules_match


def labels_of(text, handles=None):
    return {match.label for match in rules_match(text, handles)}


def rules_of(text, handles=None):
    return {match.rule for match in rules_match(text, handles)}


def spans_of(text, rule, handles=None):
    return [text[m.start : m.end] for m in rules_match(text, handles) if m.rule == rule]


# --- Everyday language that must not trip anything ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my boss will kill me if I'm late",
        "I'm dead on my feet",
        "I could kill for a coffee right now",
        "this exam is killing me",
        "my feet are killing me, new shoes were a mistake",
        "I'd kill for a decent night's sleep",
        "I'm going to kill it at my interview tomorrow",
        "mum's going to kill me when she sees the kitchen lol",
        "I could murder a pizza",
        "just killing time before my appointment",
        "I ran 5 kms this morning",
        "I think I need to cut down on caffeine",
        "I cut myself shaving this morning, ouch",
        "I walked 3 miles down the road to the shops",
        "I was so embarrassed I wanted to die",
        "I wrote a goodbye card for my colleague who's retiring",
        "Giving away my old baby clothes to a friend who's expecting",
        "I'm going to the bridge club tonight with my nan",
        "This is my last post before I go on holiday, see you in two weeks!",
        "I'm on the bridge of my nose with these glasses haha",
        "I know exactly how and when I'll tell my parents I'm gay",
        "I've made up my mind, I'm going to quit my job",
        "My favourite book is The Bell Jar",
        "I'm gonna hit Tesco later for snacks",
        "count with me: one two three four five six seven eight nine",
        "My therapist said it costs £5 per session at the charity",
    ],
)
def test_idioms_and_everyday_language_trip_no_rule(text):
    assert rules_match(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "a year clean from cutting today feels amazing",
        "I used to self harm but I'm 2 years clean now",
        "Two years clean from self harm today",
        "I used to want to die every day, now I'm doing so much better",
        "Three years ago I wrote a goodbye letter. Today I found it and burned it.",
        "I'd never kill myself, don't worry about me",
        "I'm not suicidal, just exhausted",
        "I don't want to die, I just want a week off",
        "I cut myself from about 15 to 18. The scars are faint now",
        "I was suicidal for most of my thirties and I'm 47 now",
        "Three years ago tonight I tried to kill myself. Tonight I'm at my niece's recital",
        "I tried to hang myself in 2016 and now I teach first aid",
        "Booked a tattoo to cover my old sh scars, so excited",
        "my best friend says shes been feeling suicidal, how do I help her",
        "Finally wrote my goodbye letter... to my awful job! Notice handed in",
        "Six years ago today I tried to kill myself. Today I ran my first 10k",
        "The GP asked me whether I'd had thoughts of suicide lately and I said no, truthfully",
        "Relapsed and smoked half a pack after three months off the fags",
        "If anyone who self harms needs ideas, the ice cube trick helped me",
        "The nurse asked if I'd been harming myself and I said no, and it was true",
        "In 2016 I thought about ending it every day. Now I teach pottery.",
        "My GP asked if I'd had thoughts of ending my life and I could honestly say no",
    ],
)
def test_recovery_stories_and_denials_trip_no_crisis_rule(text):
    assert not labels_of(text) & {SUICIDAL_IDEATION, SELF_HARM, IMMINENT_RISK}


@pytest.mark.parametrize(
    "text",
    [
        "My son self-harms and I'm trying to learn how to respond",
        "writing my dissertation on self-harm in adolescents",
        "Any good sources on self harm for my psychology coursework?",
        "My flatmate told me she's been having suicidal thoughts",
        "if you were really suicidal you'd have done it by now",
    ],
)
def test_someone_elses_crisis_or_a_topic_is_not_the_writers_disclosure(text):
    assert not labels_of(text) & {SUICIDAL_IDEATION, SELF_HARM}


# --- The crisis lexicon ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("honestly I want to kms", "kms"),
        ("i just want to unalive myself", "unalive myself"),
        ("sewer slide is on my mind a lot", "sewer slide"),
        ("I just want to end it all", "end it all"),
        ("I wish I could go to sleep and not wake up", "go to sleep and not wake up"),
        ("k1ll myself is all I think about", "k1ll myself"),
        ("unal!ve myself", "unal!ve myself"),
        ("everyone would be better off without me", "better off without me"),
        ("I'm so suicidal right now", "suicidal"),
    ],
)
def test_crisis_slang_euphemism_and_misspelling_support_suicidal_ideation(text, phrase):
    matches = [m for m in rules_match(text) if m.rule == "crisis_lexicon"]
    assert [text[m.start : m.end] for m in matches] == [phrase]
    assert {(m.label, m.priority) for m in matches} == {(SUICIDAL_IDEATION, HIGH)}


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to kill myself tonight",
        "Here is my goodbye letter",
        "this is my last post. thank you all",
        "I took a whole bottle of pills",
        "I've been saving my pills since january",
        "im on the bridge rn. its cold",
        "Tonight's the night",
        "by the time you read this it'll be too late",
        "I won't be here tomorrow",
        "the rings are labelled with who gets which",
        "I've finished the letters. One for each of the kids.",
        "already took them, about twenty minutes ago",
        "I'm not safe right now",
        "sat at the tracks behind the estate",
        "I keep looking over the edge",
        "After work I'm driving to the cliffs.",
        "I stopped taking my meds last month so I could keep them",
        "sittin on the bridge over the bypass. just wanted to say ta",
        "noose's ready. just waiting for the house to go quiet",
        "I wrote a goodbye letter to my mum",
    ],
)
def test_imminent_phrases_escalate_on_their_own(text):
    matches = [m for m in rules_match(text) if m.rule == "crisis_imminent"]
    assert matches, text
    assert {(m.label, m.priority) for m in matches} == {(IMMINENT_RISK, URGENT)}


@pytest.mark.parametrize(
    "text",
    [
        "been thinking about ending it most days since the divorce",
        "I'd stay asleep for good if I could",
        "every night I hope my heart just stops",
        "I keep asking God to take me in my sleep",
        "wouldn't mind if I didn't wake up tomorrow",
        "wish i could log out of life",
        "Lately I feel envious of people who have died",
        "I just want to be with her, wherever she is. I want to be where she is.",
        "I don't expect to still be here next year",
        "everyone would be better off if I wasn't here",
        "what's the point of me, I'm just a cost to everyone",
        "I'm 83 and I wouldn't mind at all if I went in my sleep tonight",
        "I read the obituaries in the paper and I feel envious",
        "Since we lost the baby I keep wishing it had been me",
        "the policy pays out on suicide after a year and it's been eleven months",
        "I keep picturing my own funeral and it feels peaceful",
        "who would even turn up to my funeral, honestly",
    ],
)
def test_passive_wishes_to_be_gone_support_suicidal_ideation(text):
    assert SUICIDAL_IDEATION in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "thinking about ending things with my boyfriend, we want different things",
        "I was in a dark place last winter and thought about ending it. I'm not there now.",
        "I want to be with him on Saturday for the match",
        "I sleep for hours at the weekend and still feel tired",
        "I wouldn't mind if it rained all weekend, gives me an excuse to stay in",
        "It should have been me who got picked for the team",
        "what's the point of meal prep if I never stick to it",
        "I hope I go peacefully in my sleep when I'm 100, like my nan did",
        "I just want to be with her, she's the best thing that ever happened to me",
        "I wish this group chat would stop existing",
        "planning my mum's funeral this week, any ideas for readings?",
        "Paid for my funeral plan at 79 so the kids don't have to sort it",
    ],
)
def test_breakups_the_past_and_plans_are_not_suicidal_ideation(text):
    assert SUICIDAL_IDEATION not in labels_of(text), text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("gonna kms after this convo ends no cap", IMMINENT_RISK),
        ("whole packet went down with a bottle of wine half an hour ago", IMMINENT_RISK),
        ("Drove out to the reservoir. Coat pockets full of stones.", IMMINENT_RISK),
        ("going for a drive once they're asleep. i wont be driving back", IMMINENT_RISK),
        ("Cleaned my pistol tonight and loaded it. Loaded my pistol.", IMMINENT_RISK),
        ("sewerslide friday after my last exam", IMMINENT_RISK),
        ("tomorrow at lunch im going to make her bleed", HARM_TO_OTHERS),
        ("Put a bit of bleach in my husband's tea tonight", HARM_TO_OTHERS),
        ("Ran him off the road last week. Missed. Won't miss next time.", HARM_TO_OTHERS),
        ("He wants my wife. Been sharpening the machete all afternoon", HARM_TO_OTHERS),
        ("bought paracetamol from 3 different chemists so nobody asked", IMMINENT_RISK),
        ("Drank some bleach-ish cleaning stuff earlier to punish myself", IMMINENT_RISK),
        ("i swallowed drain cleaner an hour ago", IMMINENT_RISK),
        ("If Kyle turns up on Friday he's getting glassed", HARM_TO_OTHERS),
        ("looked up how much insulin it would take to kill my nan", HARM_TO_OTHERS),
        ("Counted them out on the bed. Forty-eight. Waiting for quiet.", IMMINENT_RISK),
        ("been holding back from my repeat prescription for months", IMMINENT_RISK),
        ("Gave my guitar to my neighbour. He doesn't know why. He will soon.", IMMINENT_RISK),
        ("sat on the railing of the motorway bridge. battery on 3%", IMMINENT_RISK),
        ("I know how much morphine would do it, took some home from the ward", IMMINENT_RISK),
        ("I pray god takes me in my sleep", SUICIDAL_IDEATION),
        ("Suicidal again. Same old.", SUICIDAL_IDEATION),
        ("dog scratches, i tell them. we don't even have a dog", SELF_HARM),
        ("they never found what i stashed when i got admitted", IMMINENT_RISK),
        ("They check in every hour. That's plenty.", IMMINENT_RISK),
        ("Oiled the rifle for the last time tonight. Good night lads.", IMMINENT_RISK),
        ("about 40 of my mum's codeine stashed in my pillowcase now", IMMINENT_RISK),
        ("been stockpiling my citalopram since march, about 80 now", IMMINENT_RISK),
        ("Booked a room in Whitby on my own. Not planning on checking out.", IMMINENT_RISK),
    ],
)
def test_attempts_scenes_and_plans_without_the_usual_words_escalate(text, label):
    assert label in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "the whole packet of biscuits went down in one sitting",
        "the kids came back with their pockets full of stones from the beach",
        "I won't be driving back, I'm getting the train",
        "loaded my rifle at the range for the first time",
        "sharpening my kitchen knife before carving the turkey",
        "this font will make your eyes bleed",
        "I missed the penalty. I won't miss next time!",
        "bought paracetamol from the shop for my headache",
        "my toddler drank some washing up liquid, rang 111 and she's fine",
        "he drank bleach in the film and I had to look away",
        "my phone's getting battered by notifications",
        "how much coffee would it take to kill the tiredness",
        "counted out my pills into the weekly organiser, 28 slots filled",
        "Counted out the raffle money. 64. Not bad!",
        "I won't be here tomorrow - it's my daughter's wedding! Photos after.",
        "Not getting up till Monday. Goodbye cruel world (jk, long week)",
        "I know exactly how much flour would be enough for the cake",
        "took some insulin home from the pharmacy for my dad",
        "the nurses come in every hour, that's plenty of attention for me",
    ],
)
def test_biscuits_beaches_trains_and_ranges_do_not_escalate(text):
    assert not labels_of(text) & {IMMINENT_RISK, HARM_TO_OTHERS}, text


@pytest.mark.parametrize(
    "text",
    [
        "praying god takes me home safe from the night shift",
        "Suicidal thoughts are common in teens, the leaflet says.",
        "cat scratches all up my arm, the kitten is a menace",
    ],
)
def test_prayers_leaflets_and_kittens_are_not_a_crisis(text):
    assert not labels_of(text) & {IMMINENT_RISK, SUICIDAL_IDEATION, SELF_HARM}, text


def test_a_night_for_a_happy_occasion_is_not_a_plan():
    for text in [
        "Tonight's the night! First date in 5 years. Terrified.",
        "Tomorrow's the day. Keys to our first house!!!",
        "It's happening tonight. Proposing at the restaurant where we met.",
        "Made my mind up. Tonight's the night I tell my nan I'm trans.",
        "Tonight's the night, I'm ringing my brother for the first time in years. Wish me luck",
    ]:
        assert IMMINENT_RISK not in labels_of(text), text
    for text in [
        "Set a date. Friday. It feels good to finally have a date.",
        "Tonight's the night. Results tomorrow and I can't face them.",
        "Tonight's the night lol. bye everyone",
    ]:
        assert IMMINENT_RISK in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    ["I've been cutting again", "the urge to cut is so strong", "fresh cuts on my arm again"],
)
def test_self_harm_phrases_support_self_harm(text):
    assert SELF_HARM in labels_of(text)


def test_a_relapse_or_a_question_still_counts_when_it_is_the_writers_risk():
    assert SELF_HARM in labels_of("relapsed and cut after a drink last night")
    assert SELF_HARM in labels_of("Relapsed and I don't know how to stop")
    said_yes = "the nurse asked if I'd had thoughts of ending my life and I said yes"
    assert SUICIDAL_IDEATION in labels_of(said_yes)


@pytest.mark.parametrize(
    "text",
    [
        "I keep punching walls till my knuckles bleed",
        "burnt my hand on the hob on purpose. told everyone it was cooking",
        "Slammed my fingers in the drawer on purpose to stop the panic",
        "scratch my arms until they bleed when I'm anxious",
        "hit my head against the wall until I saw stars",
        "Scratched myself raw in the shower again",
        "I've been hurting myself since the redundancy",
        "I keep a stash of blades in my pencil case",
        "how do I hide the marks on my thighs for PE",
        "I stop eating to punish myself",
        "Shut my hand in the car door on purpose after the meeting",
        "I pinch and twist my arms till the bruises come up",
        "held my hand under the hot tap until it blistered",
        "I snapped at my daughter so I don't deserve food today",
        "no food till friday. ate a whole cheesecake so now i have to pay for it",
        "tried holding ice when it gets bad but i always end up cutting anyway",
    ],
)
def test_self_harm_without_a_blade_supports_self_harm(text):
    assert SELF_HARM in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I hit my head on the cupboard door this morning, ouch",
        "I held my breath until I saw stars on the rollercoaster",
        "scrubbed the oven until my hands were raw, never again",
        "I slammed the door on purpose so he'd know I was angry",
        "My son punches walls until his knuckles bleed and I don't know how to help him",
        "I used to scratch my arms until they bled. Two years free of it now.",
        "Burnt my hand on the oven tray taking the lasagne out",
        "concealer to hide the marks from my surgery, any tips?",
        "new blades for my ice skates arrived today",
        "I bit my lip so hard trying not to laugh in the meeting",
        "the dog pulled my arm until I let go of the ball",
        "My parents took my phone as punishment for missing curfew",
        "I held my hand on her shoulder until she stopped shaking",
        "Holding ice got me through the urges. Two years free now.",
        "skipping lunch today, the meeting ran over and I'll pay for it with a headache",
        "Not eating out this month, had a spa weekend so now I have to pay for it",
    ],
)
def test_accidents_other_people_and_the_past_are_not_self_harm(text):
    assert SELF_HARM not in labels_of(text), text


# --- Threats and abuse ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to hurt my dad when he gets home",
        "I'm going to kill Darren",
        "I'll stab him if he comes round again, not even joking",
        "i'm bringing a knife to school tomorrow",
        "gonna batter that Jade girl after school",
        "Honestly I could kill Kieran. Like actually. I've thought about how.",
        "your sister had better start sleeping with one eye open",
        "i know who you are from your posts. watch yourself",
        "if i knew where u lived i'd come round and sort you out",
        "googled how much of it it'd take to make my ex properly sick",
    ],
)
def test_threats_to_others_escalate_on_their_own(text):
    matches = [m for m in rules_match(text) if m.label == HARM_TO_OTHERS]
    assert matches, text
    assert {m.priority for m in matches} == {URGENT}


@pytest.mark.parametrize(
    "text",
    [
        "I know his routine now and I'm going to do something about it",
        "he's not walking home from the pub this time",
        "I'm going round there with a hammer tonight",
        "been sitting outside her flat for two hours",
    ],
)
def test_following_someone_or_going_armed_is_a_threat(text):
    assert HARM_TO_OTHERS in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I've made a list. Four names. All the teachers who laughed at me",
        "ive got a list of everyone who bullied me and I'm nearly ready",
        "I've got a list. Friday.",
    ],
)
def test_a_list_of_people_with_a_grievance_is_a_threat(text):
    assert HARM_TO_OTHERS in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "nobody on my team knows what i fantasise about doing to them",
        "you've got no idea what I think about doing to him",
    ],
)
def test_dwelling_on_what_to_do_to_someone_is_a_threat(text):
    assert HARM_TO_OTHERS in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "We've made a list of baby names and we still can't agree",
        "I've got a list of everyone I need to send a thank-you card to",
        "I've made a list. Tomorrow I start applying for jobs properly",
    ],
)
def test_lists_of_names_and_jobs_are_not_threats(text):
    assert HARM_TO_OTHERS not in labels_of(text), text


def test_intrusive_thoughts_named_as_ocd_are_not_threats_unless_the_writer_denies_it():
    ocd = "OCD thoughts about pushing people onto the tracks horrify me. ERP is helping."
    assert not labels_of(ocd) & {HARM_TO_OTHERS, IMMINENT_RISK}
    wanted = "urges to push someone in front of the tube. its not ocd, i actually want to"
    assert HARM_TO_OTHERS in labels_of(wanted)


def test_a_blade_bought_for_butchering_or_woodwork_is_not_at_hand_for_harm():
    assert labels_of("Butchering a lamb on Sunday, finally bought a proper boning knife") == set()
    assert IMMINENT_RISK in labels_of("bought a proper knife today. tonight's the night")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the replies on my last post, the GP was fine in the end.",
        "Wanted to say bye before I go travelling for 3 months, see you when I'm back!",
        "Everything's arranged for the party on Saturday",
        "I've got a stash of chocolate in the airing cupboard",
        "My daughter won't walk home alone at night any more",
        "I've written letters to my future self in therapy",
        "Cleaned my shotgun after the clay shoot, the barrels were filthy",
        "watch yourself on those stairs, they're icy",
        "saving my tramadol for when the pain flares, max four a day",
        "took my 50mg sertraline this morning as usual",
        "I'm not going to check out the new gym, it's too pricey",
        "Checking out of the hotel at ten, then the long drive home",
    ],
)
def test_ordinary_goodbyes_plans_and_stashes_trip_no_rule(text):
    assert rules_match(text) == []


def test_venting_with_could_or_a_laugh_is_not_a_threat():
    assert HARM_TO_OTHERS not in labels_of("I could kill my brother, he ate my leftovers")
    assert HARM_TO_OTHERS not in labels_of("I'm going to kill my flatmate, he used my milk 😤")


@pytest.mark.parametrize(
    "text", ["kys loser", "just unalive yourself already", "Nobody's going to miss you, mate."]
)
def test_kys_aimed_at_someone_is_harassment_not_the_writers_risk(text):
    assert labels_of(text) == {HARASSMENT}


def test_being_told_to_kys_is_not_harassment_by_the_writer():
    assert HARASSMENT not in labels_of("he told me to kys and I can't stop thinking about it")


@pytest.mark.parametrize(
    "text",
    [
        "go on then, do it. you won't",
        "you'll never go through with it",
        "if you were really suicidal you'd have done it by now",
        "ur so cringe pls stop posting",
        "cry harder",
        "no wonder your dad didn't want you",
        "everyone is sick of you and your moaning",
        "nobody wants to hear about your ex again",
        "you look like the type who'd fake autism for attention",
        "retard energy in this thread",
        "you've posted your last night four times now, follow through for once",
        "we're all waiting. go on.",
        "everyone keeps sending this clown hugs, stop feeding the troll",
        "you just want pity points",
        "my manager is a total waste of oxygen and I tell him daily",
        "good luck finding a date with a face like that",
        "oh you survived another day? pity.",
        "the whole class moos when she walks in now, i started it",
    ],
)
def test_goading_and_sneering_at_a_member_is_harassment(text):
    assert HARASSMENT in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Go on, do it! Book the holiday, you deserve it",
        "You're so brave for posting this",
        "No wonder you're exhausted after the week you've had",
        "What would you say to a friend if you were suicidal?",
        "I worry people think I'm making it up for attention",
        "people like you make this place feel safe",
        "I need to follow through on my plan to see the GP",
        "stop feeding the ducks bread, it's bad for them",
        "I need to follow through for once and actually go to the gym",
        "you're so sad right now and that's okay, we're here",
        "I can't guarantee you'll feel better, but it helped me",
        "what a clown that minister is",
        "I feel like such a waste of space today",
        "So glad you survived another week of exams, proud of you!",
    ],
)
def test_encouragement_and_self_doubt_are_not_harassment(text):
    assert HARASSMENT not in labels_of(text), text


# --- Contact details -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "call me on 07700 900123",
        "my number is 07700900123",
        "ring me: +44 7700 900123",
        "+44 (0) 20 7946 0958 is my work line",
        "text 0 7 7 0 0 9 0 0 1 2 3",
        "it's 020-7946-0958",
        "call me at +1 (555) 123-4567",
        "my cell is 555-123-4567",
        "WhatsApp +33 6 12 34 56 78",
    ],
)
def test_uk_and_international_phone_numbers_are_personal_info(text):
    assert "phone_number" in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "my number is oh seven seven double oh nine oh oh one two three",
        "my mobile's seven seven zero zero, nine hundred, eight four two",
    ],
)
def test_phone_numbers_written_as_words_are_personal_info(text):
    assert "phone_number_in_words" in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Call Samaritans on 116 123, any time",
        "In the US you can call or text 988",
        "ring 999 or 111 if you need to, or 911 abroad, 000 in Australia",
        "Text SHOUT to 85258, or HOME to 741741 in the US",
        "CALM is on 0800 58 58 58 and Papyrus on 0800 068 4141",
        "the old US lifeline was 1-800-273-8255",
        "Breathing Space is 0800 83 85 87 in Scotland, Combat Stress 0800 138 1619 for veterans",
        "I was born in 2003 and started therapy in 2019 2020",
    ],
)
def test_public_helplines_and_years_are_not_personal_info(text):
    assert PERSONAL_INFO not in labels_of(text)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("email me jane.doe@gmail.com", "email_address"),
        ("jane dot doe at gmail dot com", "email_address_disguised"),
        ("janedoe99 at hotmail", "email_address_disguised"),
        ("write to sam_h [at] outlook [dot] com", "email_address_disguised"),
    ],
)
def test_emails_plain_and_disguised_are_personal_info(text, rule):
    assert rule in rules_of(text)
    assert labels_of(text) == {PERSONAL_INFO}


def test_a_domain_in_prose_is_not_an_email():
    assert "email_address_disguised" not in rules_of("more on the page at nhs.uk")


@pytest.mark.parametrize(
    "text",
    [
        "thanks @steady-heron-42 for the hug",
        "@quiet-otter-21 you're so right",
        "Please stay with us @tired-swan-9. Samaritans are on 116 123",
    ],
)
def test_a_forum_mention_without_a_platform_cue_is_not_personal_info(text):
    assert PERSONAL_INFO not in labels_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "add me on insta @jane_d",
        "@jane_d on insta",
        "my snap is @janedoe99",
        "hmu on tiktok @jane.d",
        "discord: janed#1234",
    ],
)
def test_an_at_handle_after_a_platform_cue_is_a_social_handle(text):
    assert "social_media_handle" in rules_of(text)


@pytest.mark.parametrize(
    "text", ["add me on snapchat", "find me on insta x", "my snap is janedoe", "kik me: sadgirl.99"]
)
def test_add_me_on_a_platform_is_an_offsite_contact_invite(text):
    assert "offsite_contact_invite" in rules_of(text)


def test_with_a_handle_list_only_known_handles_are_forum_mentions():
    text = "thanks @steady-heron-42 and @jane_d"
    social = spans_of(text, "social_media_handle", handles=["steady-heron-42", "bob-heron"])
    assert social == ["@jane_d"]
    assert spans_of(text, "social_media_handle", handles=["@steady-heron-42", "jane_d"]) == []


def test_forum_mentions_are_masked_for_the_model_but_social_handles_are_not():
    assert mentions_masked("hi @bob and @alice", handles=["bob"]) == "hi @member and @alice"
    assert mentions_masked("add me on insta @jane_d") == "add me on insta @jane_d"


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "ec1a1bb", "B33 8TH", "CR2 6XH"])
def test_uk_postcodes_are_personal_info(postcode):
    assert spans_of(f"I'm near {postcode} if anyone's local", "uk_postcode") == [postcode]


@pytest.mark.parametrize("text", ["my 2nd attempt at baking", "B12 vitamins help", "mp3 4th"])
def test_ordinals_and_vitamins_are_not_postcodes(text):
    assert "uk_postcode" not in rules_of(text)


def test_street_addresses_are_personal_info():
    assert spans_of("come round, 42 Elm Road", "street_address") == ["42 Elm Road"]
    assert "street_address" in rules_of("i live at 7 station road")


def test_full_names_introduced_as_such_are_personal_info():
    assert spans_of("Hi, I'm Helen Proctor and I work at Asda", "full_name") == ["Helen Proctor"]
    assert spans_of("The GP was Dr Anil Kapoor.", "full_name") == ["Anil Kapoor"]
    assert "full_name" not in rules_of("I'm Sarah and I've been lurking")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nathan Cole, Year 13 at Ridgeway Sixth Form. That's me.", "Nathan Cole"),
        (
            "Kwame Mensah, second year nursing at Coventry Uni, looking for a study buddy",
            "Kwame Mensah",
        ),
        (
            "@grey-heron-2 is really Callum Pryce who works at the Halfords in Wrexham",
            "Callum Pryce",
        ),
        ("Search 'Bex Harland' on Facebook, that's me", "Bex Harland"),
        ("My counsellor at the Oakfield Clinic, Priya Raman, said to post here", "Priya Raman"),
    ],
)
def test_a_full_name_beside_a_school_workplace_or_network_is_personal_info(text, name):
    assert spans_of(text, "full_name") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "I study at Leeds Beckett University and the library is lovely",
        "Did the Mental Health First Aid course at my college today",
        "Student Support at the University were really kind",
        "Taylor Swift was on at Wembley and I cried the whole way through",
        "Songs that get me out of bed: Mr Blue Sky, every time",
    ],
)
def test_places_courses_and_stars_are_not_someones_name(text):
    assert "full_name" not in rules_of(text), text


# --- Links and promotion ---------------------------------------------------------------


def test_links_to_support_services_are_fine_and_other_links_are_held():
    assert rules_match("see samaritans.org or https://www.nhs.uk/mental-health") == []
    assert spans_of("check out www.spamsite.xyz now", "link") == ["www.spamsite.xyz"]
    assert spans_of("go to t.me/cryptowins now", "link") == ["t.me/cryptowins"]
    assert rules_match("Mind's guide at mind.org.uk helped me, and so did papyrus-uk.org") == []
    assert rules_match("Shout's text line is 85258, free from every network") == []
    assert spans_of("this lamp changed my life amzn.to/4kQp2 x", "link") == ["amzn.to/4kQp2"]
    assert labels_of("love this journal (affiliate link, it helps me out)") == {SPAM}
    assert labels_of("Buy now! Use my code SAVE20") == {SPAM}


def test_an_email_domain_is_not_also_a_link():
    assert labels_of("jane@gmail.com") == {PERSONAL_INFO}


@pytest.mark.parametrize(
    "text",
    [
        "Breathwork coach here, special rate for Harbour members this week, DM me the word CALM",
        "I make weighted blankets! 10% off for Harbour members, DM me to order",
        "Book a free discovery call with me today",
        "sub4sub anyone?? just started my channel",
        "Private sessions at £45 instead of £80, message me privately to book",
        "My course fixes depression in 21 days, payment plans available",
        "My mushroom drops are guaranteed to fix anxiety, DM me",
        "I'm a Forever Living distributor now so I can get it you cheap",
        "Got a code that gives 3 months free, just use mine: SAMCALM22",
    ],
)
def test_promotion_without_a_link_is_spam(text):
    assert SPAM in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "My therapist charges £60 a session, is that normal?",
        "I got 20% off my train ticket with a railcard",
        "paid £5 instead of £10 with my student card",
        "my therapist offered a payment plan for the sessions, which helped",
        "I'm starting a walking group, the first one is on Saturday",
        "Anyone who got through their exams with their sanity, please share your tricks",
        "My mum was a distributor for a paper mill for thirty years",
    ],
)
def test_talk_about_costs_and_offers_is_not_spam(text):
    assert SPAM not in labels_of(text), text


# --- Shape of a match --------------------------------------------------------------------


def test_each_match_names_rule_label_span_and_priority():
    text = "call me on 07700 900123 tonight"
    (match,) = rules_match(text)
    assert match.as_dict() == {
        "rule": "phone_number",
        "label": PERSONAL_INFO,
        "start": 11,
        "end": 23,
        "priority": NORMAL,
    }
    assert text[match.start : match.end] == "07700 900123"


def test_matches_come_in_text_order_without_nested_duplicates():
    matches = rules_match("I live at 42 Elm Road, SW1A 1AA")
    assert [m.rule for m in matches] == ["street_address", "uk_postcode"]
    assert [m.start for m in matches] == sorted(m.start for m in matches)


# --- Learnt from test14's misses, after its one scoring -------------------------


def test_praying_every_night_to_be_taken_is_ideation_but_being_carried_through_is_not():
    assert SUICIDAL_IDEATION in labels_of("I pray every night that God takes me in my sleep.")
    assert labels_of("I pray every night that God takes me through this") == set()


@pytest.mark.parametrize(
    "text",
    ["ngl my stripes collection got bigger this weekend", "fresh stripes on my thighs again"],
)
def test_stripes_as_cutting_slang_is_self_harm(text):
    assert SELF_HARM in labels_of(text), text


def test_stripes_on_clothes_or_walls_are_not_self_harm():
    assert labels_of("Painted new stripes on my bedroom wall, proper seaside vibe") == set()


def test_an_insulin_overdose_said_without_the_word_escalates_unless_it_was_an_accident():
    taken = "type 1 diabetic. just put way more insulin in than i should and im not eating anything"
    assert IMMINENT_RISK in labels_of(taken)
    mistake = "accidentally took double insulin than i should, had to eat loads of jelly babies"
    assert labels_of(mistake) == set()


def test_calling_a_member_the_resident_charity_case_is_harassment():
    assert labels_of("congrats on being the forum's resident charity case 👏👏") == {HARASSMENT}
    assert labels_of("I feel like a charity case when my mates buy me lunch") == set()


def test_a_members_own_book_and_a_plea_for_reviews_is_promotion():
    plug = "My book Rising from the Ashes is out now on Kindle!! please buy and leave a review"
    assert labels_of(plug) == {SPAM}
    assert labels_of("My book club is reading Matilda, it's out now in a new edition") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Nan keeps saying I'll be dead before they fix that pothole. She's 94 and sharper than me.",
        "ugh i want to kill my brother he ate my leftover curry",
        "My counsellor had me write a goodbye letter to my eating disorder. Weirdly powerful.",
        "i'm going to end it all. said by me, to my wifi router, after it dropped again",
        "im going to end it all if this printer jams one more time",
        "Wrote goodbye forever on the whiteboard as a joke for my last day before maternity leave",
    ],
)
def test_figures_of_speech_from_test14_trip_no_rule(text):
    assert rules_match(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "I'll be dead before they notice I'm gone",
        "im going to end it all tonight. my phone is on silent",
        "goodbye forever. this is not a joke",
        "I wrote goodbye letters to my family, they're on the side",
        "i want to kill my brother he ate my leftover curry and i mean it, i've thought about how",
    ],
)
def test_the_same_words_still_fire_when_nothing_makes_them_a_figure_of_speech(text):
    assert labels_of(text) & {IMMINENT_RISK, HARM_TO_OTHERS}, text


# --- Learnt from test15's misses, after its one scoring -------------------------


@pytest.mark.parametrize(
    "text",
    [
        "just necked 30 of my amitriptyline. heart's going mental. is that normal",
        "how long does paracetamol take if you take like 40? asking cos i already did",
    ],
)
def test_an_overdose_just_taken_escalates_when_named_by_prescription_or_asked_about(text):
    assert IMMINENT_RISK in labels_of(text), text


def test_a_dose_of_a_prescription_is_not_an_overdose():
    assert labels_of("took 50 mg sertraline this morning, same as always") == set()


def test_wishing_to_have_died_instead_is_ideation_but_dying_laughing_is_not():
    assert SUICIDAL_IDEATION in labels_of("I wish I'd died in the crash instead of my brother.")
    assert labels_of("I wish I'd died laughing instead of snorting tea everywhere") == set()


def test_telling_a_member_they_have_been_traced_is_a_threat():
    traced = "@grey_owl I worked out your town from your old posts. Keep talking and see."
    assert HARM_TO_OTHERS in labels_of(traced)
    assert HARM_TO_OTHERS not in labels_of("Found out your town is lovely in spring!")


def test_following_a_members_podcast_is_promotion():
    assert labels_of("Follow my podcast Mind Over Monday on Spotify!! New episode weekly") == {SPAM}


@pytest.mark.parametrize(
    "text",
    [
        "dear printer, I will end you. sincerely, everyone in the office",
        "bought a nail gun for the shed project. scary but fun",
        "For my psychology A level I'm doing a project on self-harm stigma in schools.",
    ],
)
def test_figures_of_speech_tools_and_schoolwork_from_test15_trip_no_rule(text):
    assert rules_match(text) == [], text


def test_a_threat_to_a_person_still_fires_beside_a_machine_or_a_shed():
    assert HARM_TO_OTHERS in labels_of("dear diary, I will end him")
    assert labels_of("got an axe in the shed for him") & {HARM_TO_OTHERS}


@pytest.mark.parametrize(
    "text",
    [
        "Can anyone give me their WhatsApp number? I want to talk to a real person.",
        "anyone wanna swap snaps? drop ur usernames below",
        "how old are you and where abouts do you live? I'm 34, Croydon.",
        "I can drive over to you if you want some company",
    ],
)
def test_asking_members_for_contact_details_or_offering_to_come_to_them_is_personal_info(text):
    assert labels_of(text) == {PERSONAL_INFO}, text
    assert "contact_details_asked" in rules_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Never give anyone your WhatsApp number on here, the guides say so",
        "we swapped numbers at group therapy and it's been lovely",
        "I can drive over to my mum's on Sunday",
        "How old are you allowed to be to join? Where do I sign up?",
    ],
)
def test_warnings_past_swaps_and_family_visits_ask_for_no_contact_details(text):
    assert PERSONAL_INFO not in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "PTSD from a car crash?? My nan was in a crash and just got on with it. Snowflake.",
        "Boomers like you wrecked the housing market and now you want sympathy? Enjoy it.",
    ],
)
def test_a_sneer_of_its_own_or_a_member_lumped_with_a_group_is_harassment(text):
    assert HARASSMENT in labels_of(text), text


def test_a_snowflake_in_the_garden_or_a_group_in_kind_words_is_not_harassment():
    assert labels_of("First snowflake of the winter landed on my sleeve this morning.") == set()
    assert labels_of("Boomers like my dad never talked about feelings. He's trying now.") == set()
    assert labels_of("gays like you and me deserve better than this") == set()


@pytest.mark.parametrize(
    "text",
    [
        "if life had an off button i'd have pressed it by now",
        "I wrote a note once. Never used it. It's in my wallet and I reread it when it's bad.",
    ],
)
def test_a_button_to_quit_life_and_a_note_kept_and_reread_are_ideation(text):
    assert SUICIDAL_IDEATION in labels_of(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Got new blades fitted on my skates and went to the rink by myself.",
        "when my teacher read my essay out i genuinely wanted to die. of embarrassment.",
        "I'm a school nurse writing guidance on what to do when a pupil discloses self-harm.",
        "Friday is my last day after 41 years on the buses. Never setting an alarm again.",
        "Every shift I'm convinced today's the day someone realises I shouldn't be here.",
    ],
)
def test_skates_embarrassment_guidance_retirement_and_imposter_fears_from_test16_trip_no_rule(text):
    assert rules_match(text) == [], text


def test_a_pupils_disclosure_is_someone_elses_but_the_writers_teenage_years_are_not():
    assert labels_of("a pupil discloses self-harm to me, what should I say?") == set()
    assert SELF_HARM in labels_of("since my early teens, self-harm has been how I cope")


def test_a_day_chosen_still_escalates_beside_the_guards_for_jobs_and_imposters():
    assert IMMINENT_RISK in labels_of("Friday is my last day. I've written the letters.")
    assert IMMINENT_RISK in labels_of("tonight's the night they find me")
