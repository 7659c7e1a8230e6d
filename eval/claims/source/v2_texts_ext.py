"""Texts of the extension articles of the claims gold set (issue 10, third round; see SPLIT.md,
"Extension"). Same source and same rebuilding rules as v2_texts.py (AMALGUM corpus, Gessler et
al. 2020, gucorpling/amalgum, amalgum/news/xml/AMALGUM_news_<name>.xml; English Wikinews texts,
CC BY 2.5; AMALGUM annotations CC BY 4.0). In addition: "Have your say" boxes, missing-image
notices and captions that AMALGUM repeats outside their <figure> are left out; a run of caption
fragments printed outside a figure is one line.
"""
from v2_texts import add

add('aids', 'ad33923d67196f3fb8f716c80616036c0a111865',
    "https://en.wikinews.org/wiki/Mountaineers_%27Climb_Up%27_for_AIDS_funding", '''
Mountaineers 'Climb Up' for AIDS funding
Wednesday, April 22, 2009
To raise funding and awareness for children living with AIDS in Africa, the tallest mountain peak in every state in the United States will be scaled this spring. The American Foundation for Children with AIDS (AFCA), in partnership with the American Alpine Institute, is sponsoring "Climb Up the 50."
Funding from this synchronized climb-a-thon will pay for the uphill battle to support children with AIDS. Funds raised will cover AIDS-related medication, supplies, and food for children infected with the disease in the hardest-hit countries, including Kenya, Uganda, and Zimbabwe.
The program includes Climb Up the 50, Climb Up the World, and Climb Up Kilimanjaro. Climb Up the 50 is based in the United States, with participants climbing or hiking up the highest point in their state sometime during May 23–31. Other teams of people will join them to climb the highest peak in their state. File:HuffPo Mount Kilimanjaro.jpg
Mount Kilimanjaro. Image: Jim Luce - Huffington Post.
Florida has the lowest peak, with an elevation of only 345 feet above sea level. The highest peak in the country is located in Alaska — Denali (Mount McKinley) — at over 20,000 feet above sea level. A team's goal is to raise US$5,000 for the organization while individuals raise either $90, $180, or $360.
Climb Up the World participants can engage in the event by running, climbing, hiking or cycling — where ever in the world they are — on September 19 or 20.
Each person who registers to take part in the event can either raise $90, $180, or $360. Each amount is the equivalent of 3 months, 6 months, or one full-year of life-saving medication for a child. The $25 registration fee covers all administrative costs so all raised donations will be used for AFCA-related programs. Teams raise $5,000.
The Climb Up Kilimanjaro is the most daring event. The team consists of 12 brave people who will climb up Mount Kilimanjaro — at 19,330 feet, the highest peak in Africa. The Kilimanjaro team wishes to raise $10,000 per person to cover costs of climbing and the money needed for the AFCA's initiatives. This 10-day climb will take place September 11–24.
The mountain climbing apparel manufacturer Merrell has agreed to donate the footwear needed to the 12 members of the Kilimanjaro team. File:HuffPo American Foundation for Children with AIDS 1.jpg
African children. Image: Jim Luce - Huffington Post.
"AFCA has received tremendous support from the climbing community around the world," Tanya Weaver, executive director of the AFCA, said. "We think the challenge of climbing to the summit of Mount Kilimanjaro is an appropriate symbol for the uphill battle HIV/AIDS children face."
This viral event is not just limited to climbing. The AFCA invites anyone and everyone to climb, hike, bike, or run for whatever distance to raise money for the children.
Corporations are encouraged to either sponsor, match donations, or organize a team of their own. Non-participants of the fundraiser can go the AFCA's website for the program and sponsor one of the climbers for the Climb Up Kilimanjaro part of the program.
The AFCA's assistance in HIV/AIDS stricken countries does not go unnoticed. Children who have received care from hospitals funded by the organization have sent letters of appreciation, which can be viewed on their website.
"The organization I founded ten years ago, Orphans International Worldwide, has a community center at the base of Mount Kilimanjaro at OI Tanzania, serving AIDS orphans and other children," Jim Luce said. "Hopefully the Kilimanjaro team will stop by and visit the children currently staying there before they embark on their ten-day journey up the highest peak in Africa."
''')

add('armed', 'c62d76acdf9e997362424821efb3e92094668a1d',
    'https://en.wikinews.org/wiki/Egyptian_prime_minister_steps_down%3B_armed_forces_appoint_former_transport_minister_to_position', '''
Egyptian prime minister steps down; armed forces appoint former transport minister to position
Friday, March 4, 2011
Ahmed Shafik, Egypt's acting prime minister, has resigned, the Supreme Council of the Armed Forces, now in control of the country, announced yesterday.
Shafik was appointed to his position by then Egyptian president Hosni Mubarak during the 2011 Egypt anti-government protests, not long before Mubarak decided to resign as president on February 11, 2011. Meanwhile, a number of his cabinet ministers have retained their positions. Shafik had received criticism for his negative attitude towards young protesters and his "inadequate vision", according to the Los Angeles Times.
In response to the announcement of Shafik's resignation, Wael Ghonim, a Google executive, credited with organizing the first demonstration and a former political prisoner, wrote on Twitter, a micro-blogging website, "Power to the people!" During the Egyptian protests, one of the key demands of the protesters was that Shafik step down from his acting minister status. Mohamed ElBaradei, another pro-democracy activist and co-recipient of the Nobel Peace Prize, tweeted on Twitter that Egypt is "on the right track."
The statement released by the Council also announced Essam Sharaf as the new prime minister. "The Supreme Council of the Armed Forces decided to accept the resignation of Prime Minister Ahmed Shafiq and appointed Essam Sharaf to form the new government," the armed forces said on social networking website Facebook.
Sharaf formerly held the position as the Minister of Transportation. The Los Angeles Times reports that he departed from that position five years ago, during the aftermath of numerous train collisions in which the Egyptian government was accused of carelessness.
Former Egyptian president Hosni Mubarak was considered persona non grata by Egypt on Monday, as was his family. According to BBC News Online, Mubarak is not in the good health and has yet been seen or heard from in public since his resignation.
Despite having achieved one of their aims, protesters intend to continue demonstrating with mass rallies on Friday because all their demands have yet to be met. The removal of a current emergency law is amongst those demands. The law allows the Egyptian government to place people under arrest without charges brought against them. In a statement, the January 25 Youth Coalition said that they "still demand a specific time frame to achieve the rest of the revolution's basic demands." The protesters also continue to request the removal of ministers with ties to the old regime.
Newly appointed Egyptian prime minister Essam Sharaf on January 1, 2011. Image: Nabil Omar.
Activist Wael Ghonim in 2011. Image: Mido.
Pro-democracy activist Mohamed ElBaradei in 2005. Image: Sanao.
Former Egyptian president Hosni Mubarak on October 17, 2009. Image: Candito.
Egyptian protesters demonstrating in Tahrir Square, Cairo on February 8, 2011. Image: Jonathan Rashad.
2011 Egyptian Revolution poster. Image: FreeStylee.
Flag of Egypt. Image: Open Art Clip.
Coat of arms of Egypt. Image: Flanker.
''')

add('asylum', 'c62d76acdf9e997362424821efb3e92094668a1d',
    'https://en.wikinews.org/wiki/Gay_Iranian_awaits_decision_on_asylum', '''
Gay Iranian awaits decision on asylum
Friday, March 14, 2008
Britain has stated that it will reconsider the asylum application of a gay Iranian teenager who believes he will be persecuted for his sexuality if he is deported back to Iran. The announcement Friday by the British government came after the European Parliament urged a resolution to the case and said that Iran has a history of torturing and executing homosexuals.
I have decided that Mr. Kazemi's case should be reconsidered on his return to the UK from the Netherlands. — Jacqui Smith
Britain had initially rejected an asylum request by 19-year-old Mehdi Kazemi, and Kazemi fled to the Netherlands, where his case was turned down and he returned to Britain. British Home Secretary Jacqui Smith released a statement on the case: "Following representations made on behalf of Mehdi Kazemi, and in the light of new circumstances since the original decision was made, I have decided that Mr. Kazemi's case should be reconsidered on his return to the UK from the Netherlands."
Eighty members of Britain's upper house of Parliament sent a letter to Jacqui Smith, appealing to the government to "show compassion and allow Mr. Kazemi to have a safe haven in the United Kingdom." Roger Roberts of the House of Lords initiated the petition, and stated: "There is no doubt that he will be persecuted and possibly face state-sanctioned murder if he is forced to return." Simon Hughes, Member of Parliament for North Southwark and Bermondsey, said he would support Kazemi if he returns to the United Kingdom: "I hope Mr Kazemi will now come back to Britain where arrangements are already in place for an urgent meeting with him, his family, specialist lawyers and myself to prepare a new application to the Home Office."
Gay rights advocate and spokesman for the British gay rights group OutRage!, David Allison commented "It's cruel to even suggest sending him back ... The history of gays in Iran has been horrific." Ben Summerskill of the British gay rights organization, Stonewall, said: "We are obviously delighted that the home secretary has listened to the representations that were made in this case ... There are overwhelming reasons why people should not be deported to Iran in the current circumstances, and it is important that Britain is seen as a safe haven."
Borg Palm, Kazemi's solicitor, stated Kazemi was pleased with the news but would have an unstable future in Britain without asylum: "He is very much afraid of being allowed to stay in Britain but without being granted official permission. That would then put him in a no man's land. He would be very unhappy in the long term."
I cannot stop my attraction to men ... If I return to Iran I will be arrested and executed ... — Mehdi Kazemi
Kazemi came to Britain in 2005 to study English. His uncle spoke with CNN on condition of anonymity, and said that his nephew was studying in Britain in 2006 when his partner in Iran was arrested and hanged after being charged with sodomy. Kazemi's uncle told CNN: "Under torture and pressure, (the partner) revealed Mehdi's name as his boyfriend." Gay sex is considered a crime in Iran, and is punishable by death. Kazemi told British authorities in his asylum application that Iranian police were after him, and that he could face execution if he returned to Iran. Kazemi stated in his asylum request: "I cannot stop my attraction to men ... If I return to Iran I will be arrested and executed like [my boyfriend]. Since this incident ... I have been so scared."
After Britain's Home Office initially denied Kazemi's asylum application, he fled to Canada and then the Netherlands, where he was detained. Kazemi faces deportation from the Netherlands to Britain, after their highest court rejected his plea on Tuesday. The Netherlands' highest court rejected the case, citing EU law that Kazemi's case was the responsibility of the country where he first requested asylum.
A resolution passed by the European Parliament Thursday asked EU states "to find a common solution to ensure that Mehdi Kazemi is granted asylum or protection on EU soil and not sent back to Iran." The resolution also stated that Iranian authorities "routinely detain, torture and execute persons, notably homosexuals" and that "Mehdi's partner has already been executed, while his father has threatened him with death."
In a September 2007 speech at Columbia University, Iranian president Mahmoud Ahmadinejad was challenged by University president Lee Bollinger for Iran's treatment of gays. Ahmadinejad stated that "In Iran we don't have homosexuals like in your country," drawing laughter from the audience. "In Iran we do not have this phenomenon, I don't know who has told you that we have it." According to Iranian human rights activists, over 4,000 gay men and lesbians have been executed since the Iranian Revolution of 1979.
''')

add('basra', 'c62d76acdf9e997362424821efb3e92094668a1d',
    'https://en.wikinews.org/wiki/Iraqi_forces_battle_militants_in_Basra_for_second_day', '''
Iraqi forces battle militants in Basra for second day
Thursday, March 27, 2008
On Wednesday, Iraqi security forces (ISF) battled militants who have been described as loyal to Shia cleric Muqtada al-Sadr in Basra, Iraq's main seaport and the country's third largest city. Reports indicate that at least sixty people have been killed and hundreds have been wounded. This marked the second day of intense fighting.
Combat is reported to have spread to other southern cities and also to Bagdhad. Agence France-Presse reported that two United States soldiers were killed in the capital city.
Prime Minister Nouri al-Maliki has been in Basra since Monday to personally supervise Operation Sulat al-Fursan (Knights Charge) which the authorities described as designed to reimpose law and order. Today, he gave an ultimatum to the militants, giving them 72 hours to surrender. "Otherwise, they will face the most severe penalties," Maliki said in a televised statement.
Observers see the Basra operation as a test of the Iraqi government's ability to assert its control over a region that is not administered by foreign military forces. United Kingdom forces patrolled Basra from the onset of the invasion until they turned it over to Iraqi authorities in December of 2007.
US spokesperson Major-General Kevin Bergner said that, "These are Iraqi decisions, they are Iraqi government forces and these are Iraqi leaders implementing and directing these decisions." He added that a year ago, the ISF would not have been able to conduct an operation of this scale.
Anthony Cordesman, a security analyst at the Center for Strategic and International Studies told Bloomberg via e-mail: "The current fighting is as much a power struggle for control of the south and the Shiite parts of Baghdad" as it is an attempt to establish government authority. The Supreme Islamic Iraqi Council is "clearly positioning itself for a power struggle with Sadr and for any elections to come," Cordesman added.
Bergner further said that the fighting in Basra is neither a battle against the Mahdi Army, nor is it a proxy war against Iran. Rather it is "to deal with criminals in the streets with weapons," he said. "We [the US] shall continue to show restraint on those who have undertaken Muqtada al-Sadr's pledge." A 2006 US report, however, called al-Sadr's Mahdi Army a "most dangerous accelerant of potentially self-sustaining sectarian violence in Iraq."
We have been living for the last hours in hell ... We haven't seen anything like this since the foreign troops arrived in 2003 — Faris Hayder
Aides of Muqtada al-Sadr say that the cleric's cease-fire, which was declared in August 2007, is still in force. On Tuesday, al-Sadr called for a non-violent "civil revolt" and supporters have been protesting the Maliki government forcing schools and shops to close.
"There are ongoing negotiations with the prime minister. Maliki asked to meet Sadr officials in Basra," Harith al-Ithari, head of al-Sadr's Basra office, told Reuters.
Muqtada al-Sadr was seen as instrumental in Maliki's rise to power, but al-Sadr broke from Maliki in 2005. According to Iraqi political analyst Hazem al-Nuaeimi, Sadr is a thorn in the side of other Shia groups that currently support Maliki. "There is a need to minimize the Sadrists' strength and influence and to draw the lines before they get any stronger," he said.
"We have been living for the last hours in hell. We have spent most of the time hiding under the staircase," said Faris Hayder, a 28-year-old resident of Basra to Reuters. "We haven't seen anything like this since the foreign troops arrived in 2003."
"No one wants to see a return to the violence of a year ago," Bergner said Wednesday on television from Baghdad. "This has been a difficult and challenging few days, it's also been a period of significant effort for the Iraqi security forces."
''')

add('bombings', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/Car_bombings_near_Iraq_government_offices_kill_at_least_130', '''
Car bombings near Iraq government offices kill at least 130
Sunday, October 25, 2009
At least 132 people were killed on Sunday after two car bombings struck the Iraqi capital of Baghdad. Over 500 were hurt in the attacks, which were the worst to strike the country in over two years.
The attacks occurred at the Justice Ministry building and a provincial government office close to the high-security Green Zone part of the city. The explosions came during rush hour, at 10.30 local time (07.30 UTC).
Officials have warned that the death toll is likely to rise, as rescue workers are still searching underneath the rubble of collapsed buildings to find more bodies.
Sources gave conflicting reports as to whether suicide bombers were involved in the attacks, or whether the bombs had been detonated remotely. According to the police, cars loaded with explosives had been parked in garages close to the targeted buildings.
So many people were wounded in the blasts that private cars helped ambulances transport bodies to local hospitals. Rescue efforts were hindered by the heavy rush hour traffic. The buildings targeted by the bombings caught fire, and officials had to close down roads nearby as fire trucks tried to quell the flames.
Yasmeen Afdhal, 24, who works for the Baghdad provincial administration, was a witness to one of the bombings. He described his experiences: "the walls collapsed and we had to run out. There are many wounded, and I saw them being taken away. They were pulling victims out of the rubble, and rushing them to ambulances."
Iraqi council member Mohammed al-Rubaiey said that about 25 staff members of the Baghdad Provincial Council, which runs the country's capital, died in the bombings.
Hamid Saadi, the owner of a shop near the blast, told the news agency Reuters that the explosion caused significant destruction. "The explosion destroyed everything [...] it's like it was an earthquake, nothing is still in its place," he said.
A reporter for the BBC said that the force of the blast was so strong that it could be felt for several miles away.
Prime Minister Nouri Maliki accused al-Qaeda of being behind the bombings. "These cowardly terrorist attacks must not affect the determination of the Iraqi people to continue their struggle against the remnants of the dismantled regime and al-Qaeda terrorists, who committed a brutal crime against civilians," he said in a statement. "They want to cause chaos in the nation, hinder the political process and prevent the parliamentary election."
The attacks come ahead of planned elections, which are to be held next January. The authorities have warned that more such attacks could take place by rebels wishing to destabilise Iraq.
While violence in the country has dropped substantially since the height of sectarian fighting, the attacks were the second major security breach in Baghdad - a city filled with checkpoints - in two months. Twin bombings in August of this year struck another two government buildings, killing about 100 people.
''')

add('california', 'ad33923d67196f3fb8f716c80616036c0a111865',
    'https://en.wikinews.org/wiki/California_court_sentences_parents_who_kept_their_children_in_captivity', '''
California court sentences parents who kept their children in captivity
Saturday, April 20, 2019
Yesterday in California's Riverside County criminal court, Judge Bernard Schwartz sentenced David and Louise Turpin to life in prison for torturing all but the youngest of their thirteen children.
Louise Turpin David Turpin Image: State of California.
As revealed at trial, the Turpins had kept their children indoors for years and rarely allowed them outside the family home, located 70 miles (112 km) south of Los Angeles. The children were banned from washing more often than once a year and could not use the toilet. They were severely malnourished, to the point that some of those who are now adults were initially mistaken for children. The oldest of the Turpin's offspring, age 29, weighed 82 pounds (37 kg). Another brother, 22, was still chained to a bed when found. None of the twelve had ever received any sort of dental care.
The judge presiding over the case, Bernard Schwartz, said, "You have severed the ability to interact and raise your children that you have created and brought into this world." Schwartz went on to say he was not giving them the longest possible sentence because they had "accepted responsibility at an early stage in the proceeding" by pleading guilty to fourteen felony charges each and "spared your children having to relive the humiliation and the harm they endured in that house of horrors."
Specifically, both parents faced twelve counts of torture and false imprisonment, nine counts of child abuse, and seven counts of cruelty to a dependent adult. David Turpin, alone, was also charged with making false statements for the purpose of obtaining a home schooling license.
The father said "I love my children and I believe my children love me."
The mother said "I really look forward to the day I can see them, hug them and tell them I'm sorry."
One of the children said, "Sometimes I still have nightmares of things that had happened such as my siblings being chained up or getting beaten." However, this person also said that they still love their parents and had partially forgiven them.
One of them even went as far to say, "Although it may not have been the best way of raising us, I am glad that they did because it made me the person I am today."
The two parents were arrested in January of last year after one of their daughters, aged 17, escaped and phoned 911 (the emergency telephone number in the United States). She did not know what address her house was or know the date and said some of her siblings were chained into their beds.
The Turpins are scheduled to be eligible for parole in 25 years.
''')
