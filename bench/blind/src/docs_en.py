# English documents: id -> (ext, encoding, title, body)
DOCS = {}

DOCS["en-2023-mentoring-young-librarians-shymkent"] = ("txt", "utf-8",
"Mentoring Programme for Early-Career Librarians in Shymkent: Annual Report",
"""Report dated 15 December 2023.

In 2023 the Shymkent city centralized library system completed the second year of its mentoring programme for newly hired staff. The programme pairs every librarian with less than three years of experience with a senior colleague who acts as mentor for twelve months.

This year 21 mentees from the central library and eleven branch libraries took part. Before the start, the mentors attended a two-day training given by Aigul Serikbayeva, who coordinates a similar scheme at the Kostanay regional library. She explained how to agree on goals with a mentee, how to give feedback and how to avoid turning mentoring into simple supervision.

Mentees spent time shadowing their mentors at the reference desk, practised cataloguing and subject indexing, and planned at least one public event of their own. Monthly reflection meetings allowed the group to share problems. Mentee Asel Nurbekova organised a poetry evening for students, and Yerzhan Abenov prepared a small exhibition on the history of Shymkent.

Results: 18 of the 21 mentees remain in the library system, and all of them completed a professional portfolio. In a survey, mentees valued practical advice and moral support most of all. The main difficulty was the workload of the mentors, who combined mentoring with their regular duties.

Recommendations: recognise mentoring work in staff appraisal, reduce the regular workload of mentors, and extend the programme to district libraries of the Turkistan region.""")

DOCS["en-2018-rural-library-training-kostanay"] = ("docx", "utf-8",
"Training for Rural Library Staff in Kostanay Region",
"""From 5 to 7 June 2018 the Kostanay Regional Universal Scientific Library held a three-day training course for 40 staff members of village libraries. The city, known as Kustanai in Soviet times and in many of the library's older documents, hosts such events every year for the whole region.

Participants came from Auliekol, Karasu, Mendykara, Zhitikara and other districts. Many of them work alone in a small village library that also serves as a community centre. The training was led by Bakyt Zhaksybekova, an experienced methodologist invited from the Almaty region, together with specialists of the Kostanay library.

The programme covered collection development on a limited budget, the use of free national electronic resources, organising community events, working with children and parents in villages, basic computer and internet skills, and writing small grant applications to local authorities and foundations. A separate session was devoted to keeping simple statistics and preparing annual reports.

In the practical part the participants designed a small project for their own library. Several groups proposed reading clubs for schoolchildren; others planned local history corners or computer lessons for elderly villagers.

Feedback forms showed that the rural librarians found the practical sessions most useful and asked for follow-up visits by methodologists. The regional library plans to repeat the training in autumn for the northern districts.""")

DOCS["en-2015-newspaper-digitization-astana"] = ("pdf", "utf-8",
"Digitizing Historical Newspapers: Progress Report of the National Academic Library",
"""Astana, 30 November 2015.

The National Academic Library of the Republic of Kazakhstan in Astana continued its project to digitize historical Kazakh-language periodicals. The aim is to preserve fragile originals and to make them available online to researchers and the general public.

In 2015 the team digitized the complete run of the magazine Aiqap (1911-1915) and most surviving issues of the newspaper Qazaq (1913-1918), as well as several Soviet-era regional newspapers. In total more than 50,000 pages were scanned. Bakhytzhan Abdrakhmanov, a digitization specialist from the National Library in Almaty, advised the team on scanning standards and on the preservation of brittle paper.

Text recognition remains the main technical challenge. Early issues are printed in the Arabic-based Kazakh script, for which commercial OCR software gives poor results. The library therefore provides page images with detailed article-level metadata, and staff manually index the most important articles.

The digitized newspapers are available through the Kazakhstan National Electronic Library. Usage statistics show strong interest from historians and students writing about the Alash movement.

Plans for 2016 include cooperation with regional libraries in Semey and Oral, which hold rare local newspapers, and training of regional staff in digitization workflows.""")

DOCS["en-2022-local-history-database-petropavl"] = ("md", "utf-8",
"Building a Local History Database at the North Kazakhstan Regional Library",
"""Petropavl, 10 October 2022.

The North Kazakhstan Regional Universal Scientific Library named after Sabit Mukanov in Petropavl (Petropavlovsk) has launched an online local history database called Native Land. The database brings together materials that were previously scattered across card files, folders of newspaper clippings and photo albums.

At launch the database contains about 8,000 records: articles from regional newspapers since the 1930s, biographies of notable people of the region, including the poet Magzhan Zhumabayev and the writer Sabit Mukanov, photographs of old Petropavlovsk streets, and documents about local soldiers in the Second World War. Each record is described with subject headings and place names, including the former names of villages that were renamed after independence.

The project was coordinated by Aliya Bekbolatova, head of the local history department. School volunteers helped scan photographs and transcribe captions, and local historians checked the descriptions.

Users can search by person, place, year and topic. Teachers already use the database for school projects about the history of the region.

Next year the library plans to add oral history interviews with elderly residents and to connect the database with the catalogues of district libraries.""")

DOCS["en-2020-abai-175-online-exhibition"] = ("html", "utf-8",
"Online Exhibition for the 175th Anniversary of Abai Kunanbayev",
"""Almaty, 30 October 2020.

Because of COVID-19 restrictions on public events, the Almaty city central library celebrated the 175th anniversary of the poet and thinker Abai Qunanbaiuly (Abai Kunanbayev) with a virtual exhibition, The Word Across Centuries.

The online exhibition presents digitised pages of the first collection of Abai's poems published in St Petersburg in 1909, translations of the Book of Words into English, Russian, Chinese and other languages, illustrations by Kazakh artists, and audio recordings of songs composed by Abai. A separate section introduces the novel The Path of Abai by Mukhtar Auezov.

The exhibition was curated by librarian Dinara Mukhametzhanova in partnership with the Abai literary memorial museum in Semey, which provided photographs of manuscripts and personal belongings of the poet.

Visitors can take an online quiz about Abai's life and works; the best participants received books as prizes. During the first two months the exhibition had more than 12,000 visitors, many of them schoolchildren and teachers who used it in literature lessons.

The library plans to keep the exhibition online permanently and to add new translations as they are published.""")

DOCS["en-1996-jambyl-150-dzhambul"] = ("txt", "utf-8",
"Celebrating the 150th Anniversary of Jambyl Jabayev: Report from Dzhambul",
"""Dzhambul, 12 September 1996.

The year 1996 was declared by UNESCO the year of Jambyl Jabayev, the great Kazakh akyn (improvising poet) born in 1846. The regional library of Dzhambul, the city that has borne the poet's name since 1938, prepared a programme of events for the jubilee.

The main exhibition, The Voice of the Steppe, presented editions of Jambyl's poems in Kazakh, Russian and other languages of the former Soviet Union, recordings of his performances and books about the art of aitys, the contest of improvising poets. An evening of aitys with young akyns from the region attracted a large audience.

The library staff compiled a bibliography of works by and about Jambyl and distributed it to school and village libraries. Librarian Kulyash Baimukhanova organised a trip for readers to the memorial museum in the village where the poet lived and is buried.

Because of financial difficulties the library could not buy many new books for the jubilee, but publishers in Almaty donated more than 300 copies of new editions. The library thanks the regional administration for support with the exhibition.""")

DOCS["en-2024-teen-reading-club-atyrau"] = ("txt", "utf-8",
"Page Turners: A Reading Club for Teenagers in Atyrau",
"""Atyrau, 20 May 2024.

The youth department of the Atyrau Regional Universal Scientific Library started the reading club Page Turners in September 2023. The club is aimed at teenagers aged 14 to 17 and meets on the first Saturday of every month.

At the launch meeting the club's facilitator Madina Sarsenova invited Gulmira Tuleubayeva from the Aktobe regional children's library, who shared her methods of keeping young readers interested: role play, book quizzes and family reading evenings.

During the first season the 28 members read and discussed nine books, including novels by contemporary Kazakh authors for young adults and translated classics. Discussions take place in Kazakh and Russian, and members choose the next book by voting. The teenagers also made short book trailers and videos for social media, which brought new members to the club.

In March 2024 the club met a local writer who talked about his novel set on the Ural (Zhaiyk) river. Members said that the club helped them to read more and to speak confidently about books.

Next season the library plans to open a second group for younger teenagers and to hold a reading marathon during the summer holidays.""")

DOCS["en-2025-inclusive-services-karaganda"] = ("md", "utf-8",
"Making the Library Accessible: Inclusive Services at the Karaganda Regional Library",
"""Karaganda, 3 March 2025.

Over the past two years the Karaganda Regional Universal Scientific Library has worked to make its building and services accessible to readers with disabilities. This report summarises the results.

The entrance now has a ramp and the reading rooms are reachable by a lift. Tactile signs and contrasting floor markings guide visually impaired visitors. A special reading room offers a collection of books in Braille and audio books, computers with screen readers and a magnifier for readers with low vision.

Staff training was an important part of the work. Specialists from the Republican Library for the Blind and Visually Impaired in Almaty, led by Aizhan Tursynbayeva, ran a workshop on communication with blind readers and on assistive technology. Two librarians completed a basic course in sign language.

New services include events with sign-language interpretation for deaf readers, quiet hours for autistic children and their families, and home delivery of books for housebound elderly readers.

Since the changes, the number of registered readers with disabilities has doubled. The library now advises district libraries of the Karaganda region on accessibility.""")

DOCS["en-2010-electronic-catalogue-ust-kamenogorsk"] = ("txt", "utf-8",
"Retrospective Conversion of the Card Catalogue at the East Kazakhstan Regional Library",
"""Ust-Kamenogorsk, 25 June 2010.

The East Kazakhstan Regional Library in Ust-Kamenogorsk (Oskemen) has completed the second stage of the retrospective conversion of its card catalogue into an electronic catalogue.

Since 2008 the library staff have converted about 140,000 catalogue cards into machine-readable records in MARC format. The conversion started with the most used parts of the collection: recent books in Kazakh and Russian, reference works, and the local history collection. Yerlan Zhakupov, head of the local history department, supervised the description of local history materials, including rare publications about Rudny Altai.

The online public access catalogue (OPAC) is now available on the library website. Readers can search by author, title, subject and keyword and check whether a book is on the shelf. In the first six months the online catalogue received more than 30,000 searches.

Problems included errors and abbreviations on old cards, the lack of trained cataloguers and slow internet connections in the district libraries.

The next stage will create a union catalogue with the district libraries of the region and complete the conversion of the remaining 60,000 cards.""")

DOCS["en-2017-information-literacy-workshop-almaty"] = ("pdf", "utf-8",
"Information Literacy Workshops for First-Year University Students",
"""Almaty, 14 April 2017.

During the 2016-2017 academic year the Scientific Library of Al-Farabi Kazakh National University ran a series of information literacy workshops for first-year students.

The workshops were led by librarians Zhanar Ospanova and Timur Akhmediyarov. Each session lasted 90 minutes and combined a short presentation with practical exercises. Topics included planning a search strategy, using the library catalogue and subscribed databases such as Scopus and Web of Science, evaluating the reliability of websites, citing sources in different citation styles and avoiding plagiarism.

More than 600 students from eight faculties took part. A short test before and after the course showed that the share of students able to find a peer-reviewed article on a given topic rose from 35 to 78 percent.

Teaching staff reported that course papers submitted after the workshops contained fewer unreliable internet sources. Students asked for more sessions on reference management software.

The library intends to make the workshops a compulsory part of the first-year curriculum and to prepare an online version of the course in Kazakh, Russian and English.""")

DOCS["en-2008-continuing-education-librarians-aktobe"] = ("txt", "utf-8",
"Continuing Education for Public Librarians in Aktobe Region",
"""Aktobe, 17 October 2008.

From 29 September to 10 October 2008 the Aktobe Regional Universal Scientific Library organised a two-week professional development course for 45 librarians from district and village libraries of the region.

The course was designed to update the skills of librarians who had not received formal training for many years. Modules covered library management and planning, new information technologies and the internet, services to readers, work with children and young people, and the promotion of reading in the state language.

Lectures were given by Roza Utepova from the Republican training centre for cultural workers, who has more than twenty years of experience in methodological work, and by specialists of the regional library. Participants visited the city children's library and the library of the Aktobe state university to see modern services in practice.

At the end of the course each participant presented a plan for improving the work of his or her own library. All 45 librarians received certificates.

In evaluation forms most participants called the course very useful, especially the computer classes. They asked for regular refresher courses and for distance learning options for those who cannot leave their villages for two weeks.""")

DOCS["en-2019-saken-seifullin-125-nur-sultan"] = ("docx", "utf-8",
"Saken Seifullin 125th Anniversary: Exhibition and Conference in Nur-Sultan",
"""Nur-Sultan, 16 October 2019.

This year the capital, renamed from Astana to Nur-Sultan in March 2019, celebrated the 125th anniversary of Saken Seifullin, poet, writer and one of the founders of modern Kazakh literature. The library of the S. Seifullin Kazakh Agrotechnical University and the National Academic Library jointly organised a book exhibition and a scientific conference.

The exhibition displayed first editions of Seifullin's poetry from the 1920s, his autobiographical novel The Thorny Path (Tar zhol, taighak keshu), photographs and documents lent by the Saken Seifullin museum in the city. A separate display told the story of his arrest and execution in 1938 during the political repressions and of his rehabilitation in 1957.

At the conference literary scholars discussed Seifullin's poetry, his work as a public figure in Akmola in 1917-1918, and translations of his works into Russian. Students recited his poems and performed songs based on his lyrics.

The libraries prepared a bibliographic list of publications by and about Seifullin, which is available on their websites.""")

DOCS["en-2021-book-presentation-semey"] = ("txt", "utf-8",
"Book Launch: Voices of the Polygon",
"""Semey, 29 August 2021.

On the 30th anniversary of the closure of the Semipalatinsk nuclear test site, the Abai universal library in Semey hosted the launch of the book Voices of the Polygon by local journalist Zhanat Kairbekova.

The book collects more than sixty testimonies of people who lived in villages near the test site between 1949 and 1989. The author spent five years travelling through the Abai, Beskaragai and Zhana Semey districts, recording the memories of elderly residents, doctors and teachers.

At the presentation the author read excerpts from the book, and several people whose stories are included in it spoke to the audience. Historian Murat Sadykov explained the importance of oral testimonies for the history of the region, and the library's local history department presented related materials from its collections.

The library added the book to its local history collection and received 30 copies for distribution to rural libraries of the region. Readers can also borrow the audio version recorded by students of the local college.""")

DOCS["en-2013-toraigyrov-120-pavlodar"] = ("html", "utf-8",
"Sultanmahmut Toraigyrov 120th Anniversary at the Pavlodar Regional Library",
"""Pavlodar, 29 October 2013.

The Pavlodar Regional Universal Scientific Library named after S. Toraigyrov marked the 120th anniversary of its namesake, the poet and enlightener Sultanmahmut Toraigyrov (1893-1920), with a week of events.

Deputy director Saule Omarova opened the anniversary week and spoke about the poet's short life and his ideas on education and the role of the Kazakh intelligentsia. The book exhibition Seeker of Light displayed editions of his poems and the novel Kamar Sulu, studies of his work and materials from the library's local history collection.

Students of Pavlodar State University, which also bears the poet's name, took part in a poetry recitation contest. Librarians organised a trip for readers to Bayanaul district, where Toraigyrov spent his childhood, and visited the memorial museum there.

The library also published a bibliographic guide listing publications by and about Toraigyrov held in libraries of the Pavlodar region.""")
