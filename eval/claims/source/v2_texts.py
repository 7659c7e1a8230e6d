"""Texts of the version-2 articles of the claims gold set (new in version 2).

Source: AMALGUM corpus (Gessler et al. 2020), repository gucorpling/amalgum, files
amalgum/news/xml/AMALGUM_news_<name>.xml (commit given per article). The texts are English
Wikinews articles, CC BY 2.5 (Wikinews contributors); AMALGUM's annotations are CC BY 4.0.

How each text was rebuilt from the AMALGUM XML (tokens with part-of-speech tags, one per line):
- line 1: the headline (<head>); line 2: the date line; then one line per block in document
  order: each <p> paragraph, each figure caption, each pull quote with its credit line, each run
  of sentences printed outside paragraphs (interview answers, block quotes), each sub-headline of
  a "Wikinews Shorts" digest.
- sentences of a block are joined by one space; tokens are joined by the usual English spacing
  (no space before , . : ; ? ! ) 's n't and closing quotes, none after ( $ and opening quotes;
  opening/closing quotes decided from the PTB tags `` and '' and, where the tag is wrong, from
  the text).
- left out: the "Sources" lists, "Have your say" boxes, archive notices, and caption sentences
  that AMALGUM repeats outside their <figure>.
"""
LICENCE = 'CC BY 2.5 (text, Wikinews); CC BY 4.0 (AMALGUM annotations)'
TEXTS = {}


def add(name, commit, url, text):
    doc_id = 'AMALGUM_news_' + name
    TEXTS[doc_id] = dict(
        doc_id=doc_id, text=text.strip('\n'), url=url, licence=LICENCE,
        source=f'AMALGUM corpus (Gessler et al. 2020), text from Wikinews: gucorpling/amalgum '
               f'amalgum/news/xml/{doc_id}.xml @ {commit}')


add('abdelbaset', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Lockerbie_convict_Abdelbaset_Ali_al-Megrahi_buried_after_dying_at_Libyan_home', '''
Lockerbie convict Abdelbaset Ali al-Megrahi buried after dying at Libyan home
Wednesday, May 23, 2012
Abdelbaset al-Megrahi has been buried in the town of Janzur, west of the Libyan capital Tripoli. He was the only individual convicted in association with the Lockerbie bombing of 1988. He died at his residence Sunday, aged 60.
The bombing of Pan Am Flight 103 from London to New York resulted in 270 fatalities, including all 259 of the airplane's occupants and eleven individuals on the ground. 189 of those who died in the incident were US citizens. The death toll for this terrorist incident is larger than that for any other which has occurred in the United Kingdom thus far.
Abdelbaset al-Megrahi was placed on trial in May 2000 in the Netherlands alongside Al Amin Khalifah Fhimah. While Fhimah was found not guilty on all charges placed against him, al-Megrahi was found guilty of his and sentenced to at least 27 years imprisonment. Having been initially placed in HM Prison Barlinnie, al-Megrahi was transferred to Greenock in 2005.
In 2002, an appeal against his conviction was unsuccessful. Five years later, senior judges in Scotland were to review his case, but he dropped the appeal. Due to suffering from prostate cancer, he was granted a compassionate release from Scottish prison two days later.
Current UK Prime Minister David Cameron commented on his belief that al-Megrahi "should never have been released from prison" and said his death was an occasion "to remember the 270 people who lost their lives in what was an appalling terrorist act". According to Alex Salmond, First Minister of Scotland, the investigation into the Lockerbie bombing is ongoing. Salmond also called for remembrance of those killed. Prosecutors, he said, had always thought there were others besides al-Megrahi involved in the attack.
US citizen Susan Cohen, the mother of one of those killed in the Lockerbie bombing, thought of al-Megrahi as "a mass murderer" who "deserved to die", adding to CNN: "I feel no pity around him. He got to die with his family around him. My daughter [Theodora], at age 20, died a brutal, horrible death". However, UK citizen Jim Swire, father of another victim of the bombing, believes al-Megrahi was not guilty. He described al-Megrahi's death as "a sad time", telling the BBC he was "satisfied for some years that this man was nothing to do with the murder of my daughter".
Abdelbaset al-Megrahi has consistently denied responsibility for the attack. In his final recorded interview in December 2011, he insisted he was "an innocent man" who was "about to die and I ask now to be left in peace with my family." His brother Mohammed al-Megrahi claimed "[t]here never was exact proof" and said al-Megrahi's "pain is over now – he is with God".
Animated reconstruction of Pan Am Flight 103 just before explosion Image: Anynobody.
Animated reconstruction of flight at time of explosion Image: Anynobody.
Animated reconstruction of plane disintegrating just after explosion Image: Anynobody.
Memorial at Dryfesdale Cemetery in Scotland Image: StaraBlazkova.
Memorial at Syracuse University, Syracuse, in the US state of New York Image: Newkai.
''')

add('aid', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/BBC%3A_Ethiopian_famine_aid_%27siphoned_off%27_to_buy_weapons_according_to_rebels%2C_report', '''
BBC: Ethiopian famine aid 'siphoned off' to buy weapons according to rebels, report
Friday, March 5, 2010
According to a BBC report, funds raised for famine relief aid in Ethiopia, such as those raised by the Live Aid benefit concert pictured here, were "siphoned off" by rebels to buy weapons. Image: Squelle.
An investigation by the BBC has revealed that millions of dollars in famine relief aid money, including the money raised from the charity supergroup Band Aid and the Live Aid concert held by Bob Geldof, was "siphoned off" by Ethiopian rebels to buy weapons. One rebel said that at least US$95 million (£63 million) from — Western governments and private charities — was diverted into rebel coffers.
This was also noted in a declassified Central Intelligence Agency assessment of the famine situation titled Ethiopia: Political and Security Impact of the Drought, in which the report states, "Some funds that insurgent organizations are raising for relief operations, as a result of increased world publicity, are almost certainly being diverted for military purposes."
During the 1984–1985 famine, Ethiopia was fighting Eritrean and Tigray rebels in those two northern provinces, although Eritrea has since gained its independence. Since the countryside was out of the government's control, aid was brought in from neighboring Sudan. Some aid came in the form of food, while other aid came as cash which would be used by the aid agencies to buy grain from Ethiopian farmers.
Rebels would disguise themselves as traders and merchants to get their hands on the currency. "I was given clothes to make me look like a Muslim merchant. This was a trick for the NGOs," said Gebremedhin Araya, a senior member of the Tigray People's Liberation Front (TPLF).
Some funds that insurgent organizations are raising for relief operations, as a result of increased world publicity, are almost certainly being diverted for military purposes. — Ethiopia: Political and Security Impact of the Drought, a CIA report
One such aid worker that brought the grain was Max Peberdy, who worked for the charity Christian Aid. Peberdy is seen in a photo with Araya buying grain.
Araya said that only some of the sacks were filled with grain; the rest were filled with sand. The transaction was overseen by a member of the Relief Society of Tigray (REST), the humanitarian wing of the TPLF. The money was then given to TPLF leaders, including chairman Meles Zenawi, who has been Prime Minister of Ethiopia since 1991. Zenawi has not commented on the allegations.
Peberdy disputes the claims that he was duped, saying, "As far as we were concerned and as far as we were told by REST, the people we were dealing with were merchants." He added, "It's 25 years since this happened, and in the 25 years it's the first time anybody has claimed such a thing."
Meles Zenawi, the Prime Minister of Ethiopia since 1991 and chairman of the TPLF since 1985. Image: Helene C. Stikkel, Department of Defense.
However, an exiled TPLF commander who lives in the Netherlands, Aregawi Berhe, is backing Araya's story. He said the group got their hands on over US$100 million (£66 million) of which 95% went to buy weapons and build up a hardliner Marxist party inside the rebel movement. The remaining five percent would go to famine victims. Berhe told the BBC that the group would put on a "drama" to get the money. Berhe said, "The aid workers were fooled."
In response to the allegations, the charity Christian Aid issued a statement saying, "There are allegations in the story which are against all of Christian Aid's principles and our initial investigations do not correspond to the BBC's version of events."
I was given clothes to make me look like a Muslim merchant. This was a trick for the NGOs. — Gebremedhin Araya, senior TPLF member
Nick Guttmann, who is director of emergency relief operations for the group, says the "story has to be put into context". "We were working in a major conflict, there was a massive famine and people on all sides were suffering," Guttmann said, adding, "Both the rebels and the government were using innocent civilians to further their own political ends."
Bob Geldof, the Irish rock star who help organized Live Aid, said, "We are talking about a disgruntled, exiled general. The essence of the report also is not just about Live Aid. It's that all monies going into Tigray — that would be Oxfam, Save the Children, UNICEF and Christian Aid — somehow, we were all duped and gulled. And that's simply not the case. It just didn't happen."
''')

add('airasia', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Investigators_blame_pilot_error_for_AirAsia_crash_into_Java_Sea', '''
Investigators blame pilot error for AirAsia crash into Java Sea
Wednesday, December 2, 2015
Indonesia's National Transportation Safety Committee yesterday declared pilot error to be behind the crash of Indonesia AirAsia Flight 8501. All 162 passengers and crew died when the plane crashed into the Java Sea a year ago.
The crashed aircraft, photographed in April 2014. Image: Oka Sudiatmika.
The Airbus A320-200 was around 40 minutes from Surabaya's Juanda International Airport to Singapore's Changi International Airport when it vanished on December 28. Wreckage and bodies were found floating two days later; National Search and Rescue Agency divers led an international recovery effort but over 50 bodies remain lost.
The pilots were facing a fault with the rudder travel limiter, a part involved in rudder control. They repeatedly received warnings on their Electronic Centralized Aircraft Monitoring (ECAM) system. The first three times Indonesian Pilot Iriyanto and French co-pilot Remi Emmanuel Plesel followed correct procedure only for the fault to recur. The fourth time, they tried something else — based on Flight Data Recorder readouts, investigators believe they reset power to their Flight Augmentation Computers.
The computers are principally responsible for rudder control and aircraft stability. With both computers switched off, the entire fly-by-wire system of semi-automation disconnected, as did the autopilot and autothrust systems. The pilots were now left to fly entirely manually, without automation that protects the aircraft from entering unusual and dangerous positions.
A miscommunication followed. Iriyanto asked Plesel, who was flying, to "pull down". Plesel pulled the controls down, which pitched the nose up; Iriyanto had wanted to descend. The flight ascended without permission through 36,000ft with a ground speed of 353 knts. The aircraft would normally be travelling faster, with a nearby Emirates jet at a ground speed of 503knts at 36,000ft. The aircraft also banked as the disengagement of automation left the rudder off-centre.
A ship carries the aircraft's recovered tail. Image: Antonio P. Turretto Ramos, US Navy.
The AirAsia flight reached 38,000ft and entered a stall. The crew did not manage to regain control. The 155 passengers and seven crew died when the plane hit the sea. Most were Indonesians, but for three South Koreans, one Malaysian, one Brit, and French national Plesel.
The fault was traced to cracked solder on a circuit board. It had repeatedly occurred in the weeks before the crash. The investigation concluded maintenance failings contributed to the disaster, but Muhammad Alwi of the Indonesian Transportation Ministry said "Repeated trouble in maintenance is a normal thing[...] If the trouble is fixed in accordance with the manual maintenance procedures, then it's alright".
Investigators believe the solder crack is attributable to extreme temperature changes in the unprotected compartment near the tail that houses the component.
The investigation further found the flight crew were untrained in recovering from extreme events. AirAsia boss Tony Fernandes said yesterday "there is much to be learned here for AirAsia, the manufacturer and the aviation industry ... We will not leave any stone unturned to make sure the industry learns from this tragic incident".
The report also dismisses weather as a contributory factor. The flight was diverting around storms in the area.
Iriyanto and Plessel had over 8,000 hours experience between them. Iriyanto had a decade of experience training other pilots, and previous employers include the air force. They spent three minutes struggling to regain control as the pane fell to the sea. Some bodies were recovered around 1,000km away near Sulawesi.
AFP spoke to Terence Fan, an air industry expert from Singapore Management University, who said "It's a scenario that has played out in air accidents in the past[...] Pilots are either distracted by a faulty equipment or cannot properly solve the issue and something else is brewing in the background."
One such accident was the loss of Air France Flight 447 in 2009 into the Atlantic. It was investigated by the BEA of France, which also assisted the AirAsia probe. The BEA issued recommendations on how to train pilots after the Air France crash. Ex-BEA boss Jean-Paul Troadec said to AFP "Several recommendations of the (BEA) on the subject of pilot training were clearly not implemented by [AirAsia]."
Indonesia saw such an accident on New Years' Day 2007 when Adam Air Flight 574 crashed into the Makasser Strait near Sulawesi. The plane suffered a failure on a navigational instrument. While pilots were troubleshooting for this navigational system they first unintentionally disconnected the autopilot, then lost control and crashed into the sea.
''')

add('amtrak', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/United_States%3A_Two_killed%2C_more_than_a_hundred_injured_in_Amtrak_train_collision_in_South_Carolina', '''
United States: Two killed, more than a hundred injured in Amtrak train collision in South Carolina
Wednesday, February 7, 2018
Early on Sunday morning, Amtrak's passenger train number 91, the Silver Star, bound for Miami from New York, slammed into a stationary CSX freight train in Cayce, about ten miles (16 km) south of Columbia, capital of the US state of South Carolina. Two Amtrak employees were killed and at least 116 were injured, some seriously.
File photo of an Amtrak Silver Star locomotive, 2012. Image: Walter.
The two killed were 54-year-old engineer Michael Kempf of Savannah, Georgia, and 36-year-old conductor Michael Cella of Orange Park, Florida. Robert Sumwalt, chairman of the National Transportation Safety Board, told a press conference the passenger train had been diverted into a siding by a switch left "literally locked, with a padlock" in that position.
The collision happened at about 2:35 am local time (0735 UTC) at a switching yard in the small city of Cayce. The Amtrak train, with reportedly 139 passengers and eight employees aboard, collided head on with the freight train, which was parked with no one on board. The Amtrak locomotive and the leading locomotive on the freight train were destroyed; the Amtrak locomotive and some of its passenger cars derailed, and one of those cars was folded in half. Several freight cars were crumpled, Reuters reported. In a press conference, the state governor, Henry McMaster, said the Amtrak locomotive was "barely recognizable" and described it as "a horrible thing to see, to understand the force involved".
Harrison Cahill, a spokesman for Lexington County, gave a count of 116 injured, up from an initial report of 70; according to Derrec Becker, public information officer for the South Carolina Emergency Management Division, injuries ranged "from cuts and bruises to severe broken bones". On Monday a Palmetto Health spokesperson said two patients were in serious and two in critical condition at their facilities. A spill of approximately 5,000 gallons of fuel from the freight train posed no safety hazard, according to officials.
Passenger Derek Pettaway told the CNN network that like most others, he had been sleeping when the collision happened. He said Amtrak staff cleared the passengers from the train rapidly, and there was no panic; "I think people were more in shock than anything else", he said.
"Key to this investigation is learning why the switch was lined that way", Sumwalt said. Amtrak's CEO, Richard Anderson, speaking to reporters on Sunday, held CSX responsible; he stated the track in that area is operated by CSX and the signals, which CSX operates, were not working at the time of the collision and a CSX dispatcher was therefore directing the Amtrak train's movements. Sumwalt noted an automatic monitoring and braking system called positive train control, which was not in use on the stretch of line, could have forestalled the collision.
Several fatal incidents involving Amtrak trains have occurred in the past three months. On December 18, the inaugural train on a new route in Washington state derailed at high speed while crossing above a highway, killing three; on January 31, the driver of a garbage truck was killed in Virginia when he collided with an Amtrak train chartered to take Republican lawmakers to a retreat.
''')

add('arabia', 'c62d76acdf9e997362424821efb3e92094668a1d',
    'https://en.wikinews.org/wiki/US_to_sell_precision-guided_bombs_to_Saudi_Arabia', '''
US to sell precision-guided bombs to Saudi Arabia
Tuesday, January 15, 2008
The Bush administration officially notified Congress Monday of its intention to sell sophisticated precision-guided bombs to Saudi Arabia. The action, coinciding with President Bush's visit to Saudi Arabia, is part of a broader U.S. effort to bolster Gulf allies in the face of a more assertive Iran. VOA's David Gollust reports from the State Department.
The Bush administration has already briefed Congress on its arms sales plans for Saudi Arabia. Monday's announcement sets in motion a 30-day period in which the House and Senate can block the plan with a joint resolution - an action that appears highly unlikely.
Under the proposed deal, worth more than $120 million, the United States would provide Saudi Arabia with 900 kits and associated equipment to convert conventional gravity bombs into GPS-guided smart-bombs, known as JDAMs.
The weapons are a mainstay of the U.S. military arsenal and their accuracy would vastly enhance the capability of the Saudi Air Force, which has top-of-the-line U.S.-made fighter-bomber aircraft.
The sale is part of a broader $20-billion arms package for Saudi Arabia and other Gulf states announced by Secretary of State Condoleezza Rice and Defense Secretary Robert Gates last August on a mission to the Gulf, aimed at shoring up U.S. allies concerned about Iranian influence in the region.
Several elements of the broader package including sales of Patriot anti-missile systems to Kuwait and the United Arab Emirates, and upgrades for Saudi Arabia's AWACS airborne command and control planes, have already gotten congressional assent. Officials here say they also expect the Saudi J-DAMS sale to proceed despite concerns expressed by some congressional supporters of Israel.
At the time the Gulf weapons sales package was announced last year, the Bush administration also committed to a 10-year, $30-billion arms package for Israel, representing a 25 per cent increase in annual U.S. arms aid to that country.
Briefing reporters, State Department Spokesman Sean McCormack said the administration has assured Congress it would do nothing to upset Israel's military edge over potential enemies in the region.
"We've spent a lot of time assuring that we abide by our commitments to a qualitative military edge for Israel," said Sean McCormack. "This is something that President Reagan first talked about and it's been reiterated and reconfirmed by each successive president after that. We're committed to maintaining that qualitative military edge for Israel."
Israel itself has not protested the pending sale. Israeli officials have said they anticipate being provided with a new-generation U.S. smart bomb more capable than J-DAMS, which have been in service for more than a decade.
A spokesman for House Foreign Affairs Committee Chairman Tom Lantos, a prominent advocate for Israel in Congress, said he does not intend to push a resolution of disapproval.
However one House member, New York Democrat Anthony Weiner, said he would introduce such a measure and already has more than 30 co-sponsors.
Critics of the package have faulted Saudi Arabia's record in combating terrorism and advancing political reform. Under questioning here, Spokesman McCormack said the Saudi government has made "quantum leaps" in action against terrorist cells and financing in recent years and has begun the process of reform, though not necessarily at a pace that would please some critics.
Two-thirds majorities of the members in both houses would be required to block the sale and officials here say chances for that appear nil.
''')

add('bailout', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/U.S._Senate_approves_revised_bailout_package_after_controversial_additions', '''
U.S. Senate approves revised bailout package after controversial additions
Saturday, October 4, 2008
The U.S. Senate passed a revised bailout bill designed to help the struggling U.S. financial economy, which has measures nearly identical to the bill rejected by the U.S. House of Representatives on Monday.
"Senate Democrats and Republicans believe it is essential that we work quickly on this important legislation to restore confidence to our financial system and strengthen the economy," said Senate Majority Leader Harry Reid.
The new revisions include raising the FDIC insurance cap to $250,000, a move designed to please progressives. However, the $110 billion in tax breaks, earmarks and what has been called pork barrel spending is not offset by any increases in revenues and has added opposition to the bill from some Representatives in the House.
Earmarks added into the bailout bill included $192 million in tax rebates for the Virgin Islands rum industry, $148 million in tax cuts for the wool industry, $100 million tax cuts to the auto racing industry, and $48 million in Hollywood tax incentives.
Vice President of Taxpayers for Common Sense, Steve Ellis, offered his explanation for the pork and earmarks added in. "People who support some of these provisions will forget about the $700 billion and concerns they may have on that, and say, 'If you give me a few million in tax breaks for my constituents, I'll go along'".
The tactic seems to have worked, however, managing to flip enough votes to pass the bill.
"The inclusion of parity, tax extenders and the FDIC increases has caused me to reconsider my position," said Representative Jim Ramstad (R Minnesota), who voted against the previous bill on Monday. "All three additions have greatly improved the bill."
But Representative Marcy Kaptur (D Ohio) was not changing her no vote. "I will not support this legislation because it's the wrong medicine," she said.
The Senate took H.R.1424, a bill originating in the House concerning "equity in the provision of mental health and substance-related disorder benefits under group health plans, to prohibit discrimination on the basis of genetic information with respect to health insurance and employment," and extended it with the bailout provisions.
H.R.1424 was introduced on March 9, 2007, by Rep. Patrick Kennedy (RI-1) and had the support of First Lady Rosalind Carter. It is noted on the Congressional Website that "On 10/1/2008, the Senate passed H.R.1424 as the vehicle for the economic rescue legislation. In the EAS version of the bill (Engrossed Amendment as Agreed to by the Senate), Division A (pp.1-110) is referred to as the Emergency Economic Stabilization Act of 2008; Division B (pp. 110-255) is referred to as the Energy Improvement and Extension Act of 2008; and Division C (pp. 255-441) is referred to as the Tax Extenders and Alternative Minimum Tax Relief Act of 2008." It was not treated as an appropriations bill in the House.
There were two votes in the Senate. The first was to amend H.R.1424, which required 3/5 to be accepted, which it was. The second was a vote on the bill. Passage of the Bill required only a 1/2 majority. It was passed with 74 yeas and 25 nays. Senator Kennedy did not vote.
''')

add('bangladesh', 'c62d76acdf9e997362424821efb3e92094668a1d',
    'https://en.wikinews.org/wiki/Wikinews_Shorts%3A_April_22%2C_2007', '''
Wikinews Shorts: April 22, 2007
A compilation of brief news reports for Sunday, April 22, 2007.
Irregularities, violence mar Nigeria polls
Violence, ballot stuffing and a shortage of voting slips marred Saturday's presidential polls in Nigeria. Sixteen people were reported killed and an attempt to blow up the election headquarters failed.
The chief of the largest local monitoring group, Transition Monitoring Group, said that a winner could not be announced on the basis of the poll conducted.
President Olusegun Obasanjo said that despite flaws, the elections could achieve a peaceful and democratic transfer of power. Such a result would be the first time power changes from one civilian administration to another since Nigeria's independence in 1960.
Opposition leader Muhammadu Buhari said he would call his supporters on to the streets if the ruling People's Democratic Party's candidate to succeed Obasanjo, Umaru Yar'Adua, is announced the winner.
The Nigerian supreme court ordered that Vice-President Atiku Abubakar's name be included in the ballot five days before elections, contributing to logistical difficulties.
Early results are showing a victory for Yar'Adua.
Twelve killed in attack on Iraqi police station
Two suicide car bombers attacked a police station in Baghdad, the capital of Iraq. The first sped through a checkpoint and blew up in front of the station; the second was detonated at the checkpoint.
Sunday's bombings in the mostly Shi'ite al-Bayaa neighborhood in the southwest of the city killed 12 and wounded 95, police said. Reversing an earlier statement, police said most of the dead were civilians.
Police said the explosions had destroyed several police vehicles and damaged the station. Reuters published pictures showing the entire facade of the building collapsed and said that a garage next door was mostly destroyed.
Ex-PMs of Bangladesh: Hasina not returning, Zia going into exile
Former Prime Minister of Bangladesh Sheikh Hasina has been prevented from boarding a flight to her home country by British Airways. The airline received a letter from Bangladeshi authorities warning it not to carry her or else the plane would not be allowed to land. Hasina faces charges of murder and extortion if she does manage to return.
Meanwhile, fellow former Prime Minister Khaleda Zia, who had been fighting to stay in the country to face any charges that might result from a recent crackdown on corruption, has now given in to pressure from the government to go into exile. She is said to be going to Saudi Arabia as soon as visas have been issued.
Hasina and Zia are bitter rivals and had been considered the top candidates in January elections that were called off. International observers have blamed many of the problems facing Bangladesh on the two former prime ministers.
''')

add('benn', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Wikinews_interviews%3A_Tony_Benn_on_U.K._politics', '''
Wikinews interviews: Tony Benn on U.K. politics
Sunday, August 12, 2007
Tony BennCredit: Josh Benn
Tony Benn, at 82 is a still an active political figure, attending rallies and giving speeches. During the 1970s he served under James Callaghan as Energy Secretary, having earlier held the position of Secretary of State for Industry under Harold Wilson.
After a number of attempts to contact Mr Benn via email, he forwarded a telephone number for the purpose of doing an interview. Following a brief discussion to explain who or what Wikinews is, and its relation with Wikipedia, Wikinews reporter Brian McNeil started putting the questions. Mr Benn speaks at length on a variety of topics, this is the first article from this extended interview covering his views on New Labour and U.K. politics.
Contrasting the situation between Tony Benn's time in government and the Tony Blair years Wikinews asked "In the last 12 years the Labour party had one leadership election which was ... ceremonial. In 76-88 they had three, two that you stood in. Which do you think is better? Regular, or a 'strong man' leader that isn't challenged?"
I think in 1997 any Labour leader would've won the election because the people wanted a change but what made 1997 different was that the British establishment didn't want a change, they wanted Mrs. Thatcher's policies to be continued and Blair gave an assurance that he would, in economic terms, follow her lead. He said, New Labour is a new political party and when Mrs. Thatcher was asked her greatest achievement, she said "New Labour". Therefore, the Labour victories in 97 [...] Blair victories have not really been Labour victories, they've been victories for a party that based so much of its polices on the Thatcher inheritance. And that's why I'm not a member of New Labour.
... when Mrs. Thatcher was asked her greatest achievement, she said "New Labour".
Wikinews asked about Tony Benn's opinion of Gordon Brown, the United Kingdom's new Prime Minister.
Gordon Brown's roots are in the Labour movement, which Blair's were not. He understands the history of Labour movement, he is very much committed to market forces and globalisation but he's a son of the manse and he's entitled to a honeymoon and I think his early start has been very interesting. He's distanced himself discreetly from President Bush. When he went to see Bush, Bush praised him and he praised the United States of America, which is an important thing and he choose to make his big speech at the United Nations about Darfur and now the paper today, I don't know if that is true, suggest that British troops will be withdrawn from Iraq soon, I hope that is true. He's also made one or two very interesting constitutional proposals which would give greater power to parliament rather than be a presidential system and [...] also he's made a request today for the return of all the British residents who've been detained in Guantanamo Bay. So my instinct is to give him a good start and the main thing is - Blair has gone - and I must admit, that is such a development, such an important development that my inclination is to try and give Gordon Brown an opportunity.
Wikinews asked if Tony Benn believed the U.K. should withdraw from Iraq.
Oh yes. Well according to the papers today, it looks as if Brown may be planning to do that on the basis of the military advice he has received from the British general. But that's, I hope that's true, but it isn't confirmed.
Well I think the contribution that Blair made to Bush was to pretend, help him to pretend that this was an international force, a coalition of the willing, where as if Britain refused to go in it would have been seen as a Vietnam and I think to that extent, Blair gave Bush what he wanted. Bush didn't get, want ... or need British troops, but he wanted British political support and he got it. And I think that political support is ending.
''')

add('carbon', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Maldives_to_become_the_world%27s_first_carbon-neutral_country', '''
Maldives to become the world's first carbon-neutral country
Monday, March 16, 2009
Mohamed Nasheed, the leader of the Maldives, has announced that the country will become carbon-neutral within a decade by completely switching to renewable energy sources.
"We aim to become carbon-neutral in a decade," he said.
"Climate change threatens us all. Countries need to pull together to de-carbonize the world economy. We know cutting greenhouse gas emissions is possible and the Maldives is willing to play its part," Nasheed said, adding that he hopes his plan will serve as a blueprint for other countries.
We know cutting greenhouse gas emissions is possible and the Maldives is willing to play its part — Mohamed Nasheed, president of the Maldives
"We understand more than perhaps anyone what would happen to us if we didn't do anything about it or if the rest of the world doesn't find the imagination to confront this problem," Nasheed told Newshour in a telephone interview from the Maldives' capital of Male.
"So basically, we don't want to sit around and blame others, but we want to do whatever we can, and hopefully, if we can become carbon-neutral, and when we come up with the plan, we hope that these plans also will serve as a blueprint for other nations to follow. We think we can do it, we feel that everyone should be engaged in it, and we don't think that this is an issue that should be taken lightly."
Nasheed's plan calls for half of a square kilometre (0.19 square miles) of solar panels and 155 wind turbines, each generating 1.5 megawatts. The electricity will power vehicles as well. Boats and automobiles with gasoline engines would be slowly replaced with electric versions.
The plan will cost an estimated US$1.1 billion. The economy of the Maldives, reliant mainly on tourism and fishing, is worth $800 million a year.
Environmentalist Mark Lynas said that the plan could pay for itself in a decade, due to savings on oil imports. "It's going to cost a lot of money but it will also save a lot of money from not having to import oil," Lynas said.
"The point of doing it is that it is something the Maldives can lead the world in. No rich country has the excuse that it is too expensive and we can't do anything," Lynas said to the news agency Reuters.
"The Maldives could just give up. Its people could declare themselves climate change refugees and ask for sanctuary elsewhere. But the new government is taking a stand and asked us to give them a plan for a near zero-carbon economy," said Chris Goodall, the British climate change expert who led the development of the carbon-neutral plan. "We don't want to pretend that this plan is going to be easy to implement. There will be hiccups, and electricity supply will occasionally be disrupted. But we think that building a near-zero-carbon Maldives is a realistic challenge. Get it right and we will show the apathetic developed world that action is possible, and at reasonable cost."
The Maldives are located in the Indian ocean and are among the lowest-lying islands on the planet, with none of them rising more than six feet (1.8 metres) above sea level, making them particularly vulnerable to rising sea levels associated with global warming.
''')

add('cartoonist', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Too_Grimm%3F_Mother_Goose_cartoonist_sued_by_Colombian_coffee_growers', '''
Too Grimm? Mother Goose cartoonist sued by Colombian coffee growers
Sunday, January 11, 2009
An actor playing Juan Valdez at the National Coffee Park in Montenegro, Colombia.
While it was just a joke, the Federación Nacional de Cafeteros de Colombia doesn't find a recent "Mother Goose and Grimm" comic terribly funny.
In what the coffee growers association calls "an attack on national dignity and the reputation of Colombian coffee," the characters in a comic strip by Pulitzer Prize-winning cartoonist Mike Peters call into question the relationship of Colombian coffee growers and the crime syndicates of Columbia.
The cartoonist is being sued not only for "damages [to] the intellectual heritage" of the coffee, but also "moral compensation. A public manifestation," to the tune of $20 million.
At the start of a week-long series of strips, a dog character named "Ralph" finds out that part of chemist and food storage technician Fred Baur's remains was buried in a Pringles can, upon his last wishes. Baur's best known innovation, among multiple, was the patented can and packing method for the Pringles potato chip. The character theorizes what other remains might be interred in their food packaging. Eventually, the dog states that "when they say there's a little bit of Juan Valdez in every can, maybe they're not kidding." This play on an old advertising slogan refers to fictional character Juan Valdez, created by the Federación Nacional.
In a statement Peters says:
I had no more thought to insult Colombia and Juan Valdez than I did Pringles, Betty Crocker, Col. Sanders, Dr. Pepper and Bartles & Jaymes. The cartoon is meant to be read along with the rest of the week as a series of which the theme is based on the fact that the inventor of the Pringles can had his ashes buried in one.
I thought this was a humorous subject and all of my Mother Goose & Grimm cartoons are meant to make people laugh. I truly intended no insult.
Julio Cesar Gonzalez, El Tiempo newspaper's famous cartoonist, told the BBC that the lawsuit is "a real waste of time."
In 2006, the Federación Nacional sued Café Britt over their advertising campaign titled "Juan Valdez drinks Costa Rican coffee. In a counter-suit, Britt presented an affidavit from a Costa Rican man named "Juan Valdez", acknowledging that he drinks Costa Rican coffee, and that the name is too generic to be exclusive. A variety of legal challenges and charges from both sides were eventually dropped. The phrase was actually first used in a 1999 speech by Jaime Daremblum, then-Costa Rican ambassador to the United States.
Mother Goose and Grimm appears in over 800 newspapers worldwide; Peters has won the Pulitzer for his editorial cartoons for the Dayton Daily News. Thirty years ago, his editorial cartoon about electricity prices featured Reddy Kilowatt, an electricity generation spokescharacter. The Daily News defended that comic image in the United States Supreme Court, winning on the basis that "the symbol was not selling a product", and thus the satire was legally permissible.
Peters drinks Colombian coffee.
''')
