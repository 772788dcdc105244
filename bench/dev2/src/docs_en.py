# English-language library reports for the dev2 collection.
DOCS = {}

DOCS["en-01"] = """International online conference marks the 175th anniversary of Abai Qunanbaiuly

In August 2020 libraries in Semey (formerly Semipalatinsk) hosted an international online conference, "Abai and the World", to mark the 175th anniversary of the birth of Abai Qunanbaiuly, the poet, thinker and founder of modern Kazakh written literature. Because of COVID-19 restrictions, most of the 300 participants joined by video link from Kazakhstan, Russia, Turkey, China, Germany and the United Kingdom.

Speakers discussed the translation of Abai's poems and his Book of Words into foreign languages, the history of the first edition of his poems printed in St Petersburg in 1909, and the role of libraries in collecting and describing Abai-related literature. Librarians from Semey presented a new full-text database containing editions of Abai's works, critical studies, newspaper articles and audio recordings of his songs.

A session on children's reading explored how school and public libraries can introduce young readers to Abai through illustrated editions, audiobooks and online quizzes. Another panel considered the preservation of rare editions held in regional collections, many of which are fragile and urgently need digitisation.

Participants agreed to create a shared bibliography of Abai studies, to be maintained jointly by libraries in Semey, Almaty and Nur-Sultan and published as an open online resource. Recordings of the sessions were made available on the library's video channel.
"""

DOCS["en-02"] = """A library on wheels: mobile library brings books to remote villages of Kostanay region

Since late 2018 the Kostanay Regional Universal Scientific Library has operated a mobile library, a specially converted bus fitted with bookshelves, laptops, a projector and satellite internet. In 2019, its first full year, the bus made 46 trips to remote villages in the Auliekol, Karasu, Naurzum and Amangeldy districts, many of which lost their own rural libraries during the economic crisis of the 1990s.

The mobile library lends fiction in Kazakh and Russian, children's books, textbooks and current newspapers and magazines. Its staff also run story hours for preschool children, help villagers use e-government services and teach pensioners how to use smartphones. More than 5,200 readers were served during the year and about 18,000 items were lent.

Librarians say that the most popular items are books on farming, legal handbooks and contemporary Kazakh fiction. Many villagers learned about the library's electronic resources for the first time and received accounts for full-text databases.

Spring and autumn mud make some villages unreachable, so the library plans to set up small book deposit points in each village, looked after by volunteer teachers between visits. Neighbouring Akmola and North Kazakhstan regions are studying the Kostanay experience and considering buying similar buses.
"""

DOCS["en-03"] = """National Library of Kazakhstan opens digital collection of rare books and manuscripts

In December 2010 the National Library of the Republic of Kazakhstan in Almaty opened public access to its digital collection of rare books and manuscripts. The collection, created over three years with funding from the state programme "Cultural Heritage", contains more than 3,000 digitised items, including Arabic-script manuscripts, nineteenth-century Kazakh books printed in Kazan, early issues of the journal Aiqap and the newspaper Qazaq, and Russian travel accounts of the Kazakh steppe.

Scanning was carried out on book scanners that do not damage fragile bindings. Badly worn items were first treated by the library's conservation staff. Every page image is accompanied by descriptive metadata, and the records are linked to the library's electronic catalogue, so that a reader searching for a title can open the digital copy directly.

Items whose copyright has expired are freely available online, while more recent works can be consulted only on computers in the reading rooms of the National Library. The library's head of rare books explained that digitisation serves two purposes: it preserves the originals by reducing handling, and it opens the collection to researchers across Kazakhstan and abroad who cannot travel to Almaty.

The digital collection will later be contributed to the Kazakhstan National Electronic Library, a shared portal being developed with the National Academic Library in Astana and regional libraries. Plans for 2011 include digitising the library's collection of Kazakh periodicals from the 1920s and 1930s and improving recognition of text printed in Arabic script.
"""

DOCS["en-04"] = """Information literacy workshop for school librarians in Oral

In April 2023 the West Kazakhstan Regional Library in Oral (Uralsk) held a two-day workshop on information literacy for 30 school librarians from the city and nearby districts. The programme covered search strategies, evaluating online sources, spotting fake news and manipulated images, and teaching pupils to cite sources and avoid plagiarism.

Participants practised searching the library catalogue and open databases and designed short library lessons for middle-school classes. Trainers stressed that school librarians can become key partners for teachers in developing pupils' research skills.

All participants received professional development certificates. The library plans an online version of the workshop for rural schools in the autumn.
"""

DOCS["en-05"] = """Copyright and licensed e-resources: seminar for librarians in Astana

In November 2017 the National Academic Library of the Republic of Kazakhstan in Astana organised a seminar on copyright and electronic resources for about one hundred librarians from universities, regional libraries and special libraries.

Lawyers specialising in intellectual property explained how the Kazakh law on copyright and related rights applies to libraries: copying for preservation purposes, limits on copies for readers, and the term of protection. Many questions concerned digitised books by Soviet-era authors and so-called orphan works whose rights holders cannot be traced.

The second part of the seminar dealt with licensed electronic resources. Representatives of a university library consortium described national subscriptions to Web of Science, Scopus, ScienceDirect and Springer, explained the terms of licence agreements, and showed usage statistics. Speakers warned that expensive subscriptions are wasted if libraries do not promote the databases to faculty and students.

Open access, institutional repositories and Creative Commons licences were also discussed as ways for Kazakhstani authors to make their research widely available.

The seminar's recommendations called for an amendment to the law allowing libraries to provide remote access to digitised documents for registered readers, and for a model agreement between libraries and authors on placing works in electronic libraries.
"""

DOCS["en-06"] = """Student volunteers start an English reading club at an Almaty city library

In February 2024 student volunteers from Almaty universities launched a free English-language reading club at one of the city's district libraries. The club meets every Thursday evening and is open to adults and teenagers who want to practise English through books.

Each month the group reads one novel or a selection of short stories in simplified editions, and volunteers lead discussions, vocabulary games and short writing exercises. The library provides the books from its foreign-language collection and bought additional graded readers after the club became popular.

The volunteers, mostly students of philology and international relations, received a short training from library staff on working with readers and organising events. The library's director said that volunteer-led clubs help attract young people who had not visited the library before. A Kazakh-language conversation club run by volunteers is planned for the autumn.
"""

DOCS["en-07"] = """Annual report 2025: L. N. Gumilyov Eurasian National University Library, Astana

Collections and acquisitions. In 2025 the library added 21,400 print volumes, 64 percent of them in Kazakh, selected on the basis of department requests and course reading lists. Subscriptions to international databases, including Scopus, Web of Science and several e-book platforms, were renewed through the national consortium. Print journal subscriptions were reduced further as publishers moved to online access.

Automation and cataloguing. The library completed the migration of its catalogue to a new integrated library system, with all records converted to MARC21 and linked to name authority files. A discovery interface now searches the print catalogue, licensed databases and the university repository through one search box, in Kazakh, Russian and English. RFID self-service stations were installed in all reading rooms.

Digitisation and open access. Around 4,000 theses and dissertations defended at the university since 1996 were digitised and added to the open-access institutional repository, which recorded 1.2 million downloads during the year.

Information literacy. Librarians taught 240 classes on database searching, citation management and academic integrity, reaching more than 6,000 students. A new online course on research data management was offered to doctoral students.

Inclusive services. An accessible reading room with screen-reading software and a Braille display was opened, and staff were trained to assist readers with disabilities.

Outreach. The library hosted a book presentation series featuring faculty authors, an exhibition of rare books from its collection, and a reading club for international students.

Staff development. Twelve librarians completed professional development courses, and two took part in an exchange programme with university libraries in Turkey and South Korea.
"""

DOCS["en-08"] = """Librarians learn the Internet: training course in Almaty supported by the Soros Foundation

In October 1996 a two-week training course on library automation and the Internet was held in Almaty, the city known until 1993 as Alma-Ata. The course was supported by the Soros Foundation Kazakhstan as part of its programme to help libraries in the newly independent country join the global information network.

Twenty-four librarians from the national, regional and university libraries took part. For most of them it was the first opportunity to use electronic mail and to search foreign library catalogues online. Trainers from the United States and Russia introduced the principles of automated cataloguing, the UNIMARC and USMARC formats, CD-ROM databases and the organisation of electronic catalogues.

Participants also discussed the difficult situation of Kazakhstani libraries: budget cuts, declining acquisitions of new books and periodicals, and the closure of many rural libraries. Several speakers argued that automation and resource sharing between libraries could partly compensate for shrinking collections.

At the end of the course the foundation announced grants to equip five regional libraries with computers and modems and to create the first public Internet access points in libraries in Almaty, Karaganda and Ust-Kamenogorsk. Participants agreed to pass on their new skills to colleagues through regional seminars.
"""

DOCS["en-09"] = """Shymkent library opens exhibition for Mukhtar Auezov's 125th anniversary

In September 2022 the Shymkent city central library opened a book exhibition to celebrate the 125th anniversary of the writer, playwright and scholar Mukhtar Auezov. The exhibition, titled "Along Abai's Path", shows editions of Auezov's works from different decades, translations of his epic novel The Path of Abai into many languages, and studies and memoirs about the writer.

At the opening, actors from the Shymkent drama theatre performed a scene from Auezov's play Enlik-Kebek and students read passages from his stories. The library announced a reading marathon for young readers and published an online exhibition with links to electronic versions of his works.

The exhibition is open to all readers free of charge until the end of October.
"""

DOCS["en-10"] = """Pavlodar: workshop on preserving newspaper collections announced

The Toraighyrov Regional Universal Scientific Library in Pavlodar will host a regional workshop on the preservation of newspaper and periodical collections on 10–11 March 2026. The workshop is aimed at librarians, archivists and museum staff from Pavlodar region and neighbouring regions.

Topics include the causes of paper deterioration, storage conditions for bound newspaper volumes, temperature and humidity control, basic conservation treatment, and the choice between microfilming and digitisation. Library staff will share lessons from their long-running project to digitise regional newspapers, which has already converted more than 150,000 newspaper pages.

Participation is free; registration closes on 20 February 2026. Certificates of professional development will be issued to participants.
"""

# ---- additional paragraphs (length adjustment) ----
def _add(did, para):
    DOCS[did] = DOCS[did].rstrip() + "\n\n" + para.strip() + "\n"

_add("en-04", "Lesson plans developed during the workshop will be shared with all schools in the region through the library's website.")
_add("en-10", "Participants are invited to bring examples of damaged newspaper volumes from their own collections for the practical sessions.")
