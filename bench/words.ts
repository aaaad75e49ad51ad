/**
 * Fixed vocabularies of the benchmark corpus, each ordered from most to least frequent so a
 * Zipf draw over the index gives text with the skew of real notices (a few words everywhere,
 * a long tail seldom). Never change them casually: the corpus, and so every result, follows.
 */

/** English words of government notices, function words first. */
export const EN_WORDS: readonly string[] = `
the of and to in for a on with by is will be that as from this are at its has have
ministry government public local citizens support service services national year plan
new data safety system measures residents information year's policy program programme
more all which were also said their an or it been under including other through about
further administration officials agencies centres centre regional disaster management
digital provide year-round cooperation during each after should first second meeting
development announced minister office council community welfare would before between
improve operate planned projects available apply online application applications
registration card cards offices staff training households facilities emergency response
inspection inspections results report reports open opened opening committee city cities
province provinces region regions area areas district districts county counties
government-wide resident foreign foreigners elections election voting vote voters civil
defence drill drills exercise exercises heat wave winter summer spring autumn season
seasonal fine dust air quality environment health hospitals clinics vaccination
transport roads road bridges tunnels buildings housing rental subsidy subsidies budget
budgets funding funds billion million won percent increase decrease compared previous
expanded expand expansion reduce reduced reduction strengthen strengthened strengthening
review reviewed revised revision law laws act acts decree amendment amendments
enforcement regulation regulations rules guidelines standard standards survey surveys
statistics status figures analysis study studies research experts expert advisory panel
pilot trial trials introduce introduced introduction launch launched launches campaign
awareness education schools students teachers youth young elderly older children
families parents disabled disabilities vulnerable low-income workers employees employers
jobs employment recruitment hire hiring candidates examination exam exams test tests
personnel appointment appointments officials' senior junior grade grades civil servants
servant integrity ethics anti-corruption disclosure assets declaration transparency
complaints petitions requests feedback consultation hearing hearings forum forums
conference conferences summit visit visits delegation delegations agreement agreements
memorandum understanding partnership partners partner international global overseas
countries country bilateral multilateral exchange exchanges knowledge sharing share
e-government platform platforms portal website mobile app apps identification verify
verification security cyber privacy protection personal records archives documents
document forms form certificates certificate issuance issued issue issues fee fees free
charge discount discounts tax taxes local-tax property vehicle vehicles parking car
traffic accidents accident fire fires flood floods typhoon typhoons earthquake
earthquakes evacuation shelters shelter warning warnings alerts alert rescue recovery
damage damages compensation relief aid assistance donations volunteers volunteer
festival festivals culture cultural heritage tourism visitors event events ceremony
award awards prize winners selected selection contest competition ideas proposals
innovation innovative start-ups companies businesses small medium-sized enterprises
industry industries economy economic growth market markets prices consumer consumers
energy electricity water supply waste recycling climate carbon emissions green
villages rural urban regeneration population decline ageing births marriage
`
  .split(/\s+/)
  .filter(Boolean);

/** Places named in notices, English and Korean side by side. */
export const PLACES: readonly (readonly [en: string, ko: string])[] = [
  ["Seoul", "서울"],
  ["Busan", "부산"],
  ["Daegu", "대구"],
  ["Incheon", "인천"],
  ["Gwangju", "광주"],
  ["Daejeon", "대전"],
  ["Ulsan", "울산"],
  ["Sejong", "세종"],
  ["Gyeonggi", "경기"],
  ["Gangwon", "강원"],
  ["Chungbuk", "충북"],
  ["Chungnam", "충남"],
  ["Jeonbuk", "전북"],
  ["Jeonnam", "전남"],
  ["Gyeongbuk", "경북"],
  ["Gyeongnam", "경남"],
  ["Jeju", "제주"],
  ["Suwon", "수원"],
  ["Changwon", "창원"],
  ["Goyang", "고양"],
  ["Yongin", "용인"],
  ["Seongnam", "성남"],
  ["Cheongju", "청주"],
  ["Jeonju", "전주"],
  ["Cheonan", "천안"],
  ["Gimhae", "김해"],
  ["Pohang", "포항"],
  ["Andong", "안동"],
  ["Gangneung", "강릉"],
  ["Chuncheon", "춘천"],
  ["Wonju", "원주"],
  ["Mokpo", "목포"],
  ["Yeosu", "여수"],
  ["Suncheon", "순천"],
  ["Gunsan", "군산"],
  ["Iksan", "익산"],
  ["Gyeongju", "경주"],
  ["Gumi", "구미"],
  ["Jinju", "진주"],
  ["Tongyeong", "통영"],
  ["Geoje", "거제"],
  ["Yangsan", "양산"],
  ["Paju", "파주"],
  ["Gimpo", "김포"],
  ["Hwaseong", "화성"],
  ["Pyeongtaek", "평택"],
  ["Ansan", "안산"],
  ["Anyang", "안양"],
  ["Uijeongbu", "의정부"],
  ["Namyangju", "남양주"],
  ["Siheung", "시흥"],
  ["Gwangmyeong", "광명"],
  ["Tashkent", "타슈켄트"],
  ["Hanoi", "하노이"],
  ["Jakarta", "자카르타"],
  ["Manila", "마닐라"],
  ["Ulaanbaatar", "울란바토르"],
  ["Prague", "프라하"],
  ["Tbilisi", "트빌리시"],
  ["Geneva", "제네바"],
];

/**
 * Korean nouns of government notices. Compounds are made by joining two or three of them
 * (재난 + 안전 + 관리), as Korean writes them, so the text has the long tail of a real board.
 */
export const KO_NOUNS: readonly string[] = `
정부 행정안전부 지방 주민 안전 지원 사업 정책 계획 추진 국민 서비스 공공 운영 관리
지역 시설 재난 대응 제도 개선 강화 확대 점검 기관 자치단체 지자체 예산 발표 시행
데이터 정보 디지털 전자정부 민원 등록 주민등록 행정 협력 국제 교육 훈련 회의 위원회
대상 기간 결과 현황 조사 분석 연구 전문가 자문 시범 도입 개정 법률 시행령 규정 기준
지침 복지 취약계층 저소득 노인 어르신 청년 아동 가구 가정 장애인 외국인 다문화 근로자
일자리 채용 공무원 시험 인사 임용 공직자 재산 공개 청렴 윤리 부패 신고 민원인 의견
청취 간담회 토론회 설명회 공청회 협약 업무협약 양해각서 대표단 방문 순방 정상회의
교류 협력사업 공유 플랫폼 포털 누리집 모바일 신분증 인증 보안 개인정보 보호 기록
문서 증명서 발급 수수료 감면 세금 지방세 재산세 차량 주차장 교통 사고 화재 홍수
태풍 지진 대피소 대피 경보 구조 복구 피해 보상 구호 성금 자원봉사 축제 문화 관광
행사 기념식 포상 시상 공모전 선정 아이디어 제안 혁신 창업 기업 소상공인 중소기업
산업 경제 성장 시장 물가 소비자 에너지 전기 수도 폐기물 재활용 기후 탄소 배출 녹색
마을 농촌 도시 재생 인구 감소 고령화 출산 결혼 폭염 한파 미세먼지 대기 환경 보건
병원 의료 예방 접종 감염병 방역 생활 편의 개방 활용 확충 구축 고도화 통합 연계
전국 중앙 시도 시군구 읍면동 주민센터 복지관 보건소 도서관 학교 학생 학부모 선거
투표 투표소 사전투표 선거인 명부 민방위 을지 훈련장 비상 대비 연습 소방 경찰 해양
도로 교량 터널 건축물 주택 임대 보조금 지원금 수당 급여 연금 보험 상담 센터
`
  .split(/\s+/)
  .filter(Boolean);

/** Particles after a noun ending in a consonant (받침) and after a vowel. */
export const KO_PARTICLES: readonly (readonly [afterConsonant: string, afterVowel: string])[] = [
  ["은", "는"],
  ["이", "가"],
  ["을", "를"],
  ["의", "의"],
  ["에", "에"],
  ["에서", "에서"],
  ["으로", "로"],
  ["과", "와"],
  ["도", "도"],
  ["까지", "까지"],
  ["부터", "부터"],
  ["에게", "에게"],
  ["이나", "나"],
  ["만", "만"],
  ["에는", "에는"],
  ["으로는", "로는"],
];

/** Predicates that close a Korean sentence of a notice. */
export const KO_PREDICATES: readonly string[] = [
  "추진한다고 밝혔다",
  "추진할 계획이다",
  "시행한다",
  "지원하기로 했다",
  "강화한다",
  "확대할 예정이다",
  "개선한다",
  "점검한다",
  "운영한다",
  "발표했다",
  "실시한다",
  "마련했다",
  "도입하기로 했다",
  "당부했다",
  "말했다",
  "진행된다",
  "열린다",
  "개최했다",
  "선정했다",
  "공개했다",
  "지원한다",
  "구축할 방침이다",
  "협력하기로 했다",
  "안내했다",
];

/** Words that open or join clauses. */
export const KO_MODIFIERS: readonly string[] = [
  "올해",
  "최근",
  "이번",
  "새로운",
  "주요",
  "각",
  "전국",
  "모든",
  "또한",
  "특히",
  "앞으로",
  "지난해",
  "내년",
  "상반기",
  "하반기",
  "우선",
  "아울러",
  "이에",
  "한편",
  "다만",
  "함께",
  "이와",
  "관련해",
  "따라",
  "위해",
  "통해",
  "대한",
  "있는",
  "되는",
  "하는",
];

/** Words of attachment titles. */
export const ATTACHMENT_KINDS: readonly (readonly [en: string, ko: string, ext: string])[] = [
  ["Press release", "보도자료", "pdf"],
  ["Application form", "신청서 서식", "hwp"],
  ["Guidelines", "운영 지침", "pdf"],
  ["Data", "자료", "xlsx"],
  ["Statistics", "통계표", "csv"],
  ["Presentation", "발표 자료", "pdf"],
];

/**
 * Syllables of the long tail: names of people, places, programmes and firms that each appear in
 * a few notices. Real boards have tens of thousands of such words, and a search index's size
 * and memory follow them, so the corpus draws them from syllable combinations (romanised for
 * English, Hangul for Korean) rather than from a list.
 */
export const TAIL_SYLLABLES: readonly (readonly [en: string, ko: string])[] = [
  ["min", "민"],
  ["jun", "준"],
  ["seo", "서"],
  ["yeon", "연"],
  ["ha", "하"],
  ["eun", "은"],
  ["ji", "지"],
  ["ho", "호"],
  ["woo", "우"],
  ["jin", "진"],
  ["hyun", "현"],
  ["soo", "수"],
  ["young", "영"],
  ["sung", "성"],
  ["dong", "동"],
  ["san", "산"],
  ["gang", "강"],
  ["nam", "남"],
  ["buk", "북"],
  ["cheon", "천"],
  ["won", "원"],
  ["kyung", "경"],
  ["hee", "희"],
  ["jae", "재"],
  ["tae", "태"],
  ["hwa", "화"],
  ["bin", "빈"],
  ["yoon", "윤"],
  ["chan", "찬"],
  ["il", "일"],
];

/**
 * Rarer English words of notices, the long tail after EN_WORDS: each appears in a few notices
 * of a large board. Most frequent first, like the other lists.
 */
export const EN_RARE_WORDS: readonly string[] = `
quarterly annual biennial interim preliminary comprehensive overarching phased gradual
nationwide statutory mandatory voluntary optional eligible ineligible exempt exemption
deadline extension postponed postponement cancelled resumed suspended suspension restored
notification notifications notice notices bulletin circular directive ordinance bylaw
jurisdiction municipal metropolitan provincial autonomous self-governing decentralisation
ombudsman auditor audit audits oversight accountability misconduct disciplinary penalty
penalties surcharge arrears refund refunds reimbursement instalment instalments
procurement tender tenders bidding contractor contractors subcontractor outsourcing
infrastructure broadband connectivity interoperability cloud server servers datasets
open-source algorithm algorithms analytics dashboard interface kiosk kiosks chatbot
authentication biometric encryption breach breaches phishing malware ransomware incident
incidents contingency preparedness resilience mitigation hazard hazards landslide landslides
drought wildfire wildfires heatstroke frostbite snowfall downpour monsoon tsunami aftershock
sinkhole collapse collapsed derailment spill contamination quarantine outbreak pandemic
epidemiological inoculation booster dose doses screening diagnosis caregivers caregiving
dementia hospice nursing rehabilitation pharmacy pharmacies prescription ambulance
paramedics firefighters lifeguards coastguard patrol patrols checkpoint sirens loudspeaker
commemoration anniversary memorial veterans independence liberation constitution assembly
legislature legislative ordinances referendum ballot ballots polling constituency candidacy
turnout absentee registrant nominee nominees inauguration swearing-in spokesperson briefing
briefings itinerary ministerial vice-minister deputy director-general commissioner mayor
governor governors councillor councillors chairperson secretariat taskforce working-group
roundtable symposium seminar seminars workshop workshops webinar hackathon exhibition
exhibitions pavilion booth brochure leaflet leaflets poster posters slogan mascot
ambassador ambassadors envoy attaché embassy consulate diaspora expatriates migrants
refugees asylum naturalisation residency visa visas passport passports customs immigration
demographic depopulation fertility longevity centenarian pension pensioners annuity
allowance allowances stipend scholarship scholarships tuition apprenticeship internship
internships mentoring vocational reskilling upskilling certification accreditation
licence licences permit permits zoning redevelopment reconstruction retrofitting
earthquake-proof insulation ventilation sprinkler sprinklers extinguisher extinguishers
hydrant hydrants stairwell elevators escalators crosswalk crosswalks pedestrians cyclists
scooters motorcycles trucks buses subway railway railways airport airports harbour ports
ferry ferries logistics warehouse freight shipping fisheries fishermen farmers livestock
orchards harvest crops irrigation reservoir reservoirs dam dams levee embankment wetlands
biodiversity forestation reforestation afforestation landfill incineration compost
wastewater sewage microplastics pollutants ozone particulate emission-free hydrogen solar
photovoltaic geothermal turbines substation grid metering blackout outage outages tariff
tariffs inflation deflation recession stimulus voucher vouchers coupon coupons remittance
bankruptcy insolvency loan loans guarantee guarantees collateral interest-free microcredit
entrepreneurship incubator incubators accelerator venture franchise merchants vendors
marketplace arcade alleyway storefront signage billboard landmark landmarks promenade
boardwalk observatory aquarium arboretum campground trail trails hiking lighthouse
`
  .split(/\s+/)
  .filter(Boolean);

/** Rarer Korean nouns, the long tail after KO_NOUNS: each appears in a few notices of a board. */
export const KO_RARE_NOUNS: readonly string[] = `
분기 연차 중간 예비 종합 단계 전면 의무 자율 면제 마감 연장 연기 취소 재개 중단 복원
통지 고시 공고 훈령 조례 규칙 관할 광역 기초 분권 옴부즈만 감사 감독 징계 과태료 가산세
체납 환급 분할납부 조달 입찰 계약 용역 위탁 기반시설 초고속 클라우드 서버 알고리즘
대시보드 무인민원발급기 챗봇 생체인증 암호화 유출 해킹 악성코드 랜섬웨어 비상계획
대비태세 회복력 완화 위험요인 산사태 가뭄 산불 온열질환 한랭질환 대설 집중호우 장마
해일 여진 싱크홀 붕괴 탈선 유출사고 오염 격리 집단발생 유행 역학조사 추가접종 검진 진단
돌봄 치매 호스피스 요양 재활 약국 처방 구급차 구급대원 소방관 안전요원 해경 순찰 검문소
사이렌 확성기 기념 주년 추모 보훈 독립 광복 헌법 의회 입법 주민투표 투표용지 선거구
입후보 투표율 부재자 당선인 취임식 선서 대변인 브리핑 일정표 장관급 차관 실장 국장 위원장
시장 도지사 의원 의장 사무국 전담팀 실무단 원탁회의 심포지엄 세미나 워크숍 웨비나 해커톤
전시회 전시관 부스 안내책자 전단 포스터 표어 마스코트 대사 특사 대사관 영사관 재외동포
이주민 난민 귀화 체류 비자 여권 세관 출입국 인구구조 지방소멸 출생률 장수 백세 연금수급자
수당금 장학금 등록금 도제 인턴십 멘토링 직업훈련 재교육 자격증 인증제 면허 허가 용도지역
재개발 재건축 내진보강 단열 환기 스프링클러 소화기 소화전 계단실 승강기 횡단보도 보행자
자전거 전동킥보드 화물차 버스 지하철 철도 공항 항만 여객선 물류 창고 수산 어업인 농업인
축산 과수원 수확 관개 저수지 댐 제방 습지 생물다양성 조림 매립지 소각 퇴비 하수 미세플라스틱
오존 수소 태양광 지열 풍력 변전소 전력망 정전 요금 인플레이션 경기부양 바우처 상품권 송금
파산 대출 보증 무이자 소액대출 창업보육 벤처 가맹점 상인 전통시장 골목상권 간판 명소 산책로
전망대 수목원 야영장 둘레길 등대 청사 관사 분소 출장소 지소 연구원 진흥원 공단 공사
`
  .split(/\s+/)
  .filter(Boolean);

/** KO_NOUNS that take 하다 (지원하다, 점검하다): their verb forms are frequent eojeol of notices. */
export const KO_VERBAL_NOUNS: readonly string[] = `
지원 추진 운영 관리 대응 개선 강화 확대 점검 발표 시행 협력 교육 조사 분석 연구 도입 개정
채용 임용 공개 신고 청취 방문 교류 공유 인증 보호 발급 감면 대피 구조 복구 보상 선정 제안
성장 배출 감소 예방 접종 방역 개방 활용 확충 구축 고도화 통합 연계 대비 연습 상담 등록
`
  .split(/\s+/)
  .filter(Boolean);

/** Endings of a 하다 verb inside a sentence: 지원하고, 점검하며, 추진하는. */
export const KO_VERB_ENDINGS: readonly string[] = [
  "하는",
  "하고",
  "하며",
  "하여",
  "한",
  "할",
  "하기",
  "하기로",
  "하도록",
  "하면서",
  "했으며",
  "함으로써",
  "하게",
  "해야",
];

/** Section headings of notices, Korean and English side by side (개요, 추진 배경...). */
export const SECTION_HEADINGS: readonly (readonly [en: string, ko: string])[] = [
  ["Overview", "개요"],
  ["Background", "추진 배경"],
  ["Key points", "주요 내용"],
  ["Who can apply", "지원 대상"],
  ["How to apply", "신청 방법"],
  ["Schedule", "추진 일정"],
  ["What changes", "달라지는 점"],
  ["Documents to submit", "제출 서류"],
  ["Selection", "선정 방법"],
  ["Next steps", "향후 계획"],
  ["Expected effects", "기대 효과"],
  ["Points to note", "유의 사항"],
  ["Results", "추진 결과"],
  ["Programme", "행사 개요"],
  ["Contact", "문의처"],
];

/** Labels of `**label**: value` list items, Korean and English side by side. */
export const ITEM_LABELS: readonly (readonly [en: string, ko: string])[] = [
  ["Period", "기간"],
  ["Eligibility", "대상"],
  ["Venue", "장소"],
  ["Applications", "신청"],
  ["Details", "내용"],
  ["Scale", "규모"],
  ["Budget", "예산"],
  ["Organiser", "주관"],
  ["Enquiries", "문의"],
];

/** Host names of the external sites notices link to (invented, never real addresses). */
export const LINK_HOSTS: readonly string[] = [
  "www.example.go.kr",
  "data.example.go.kr",
  "law.example.go.kr",
  "www.safety.example.go.kr",
  "www.gov.example.kr",
  "minwon.example.go.kr",
  "www.stats.example.go.kr",
];

/** Suffixes of English hyphenated compounds (community-based, safety-related). */
export const EN_COMPOUND_SUFFIXES: readonly string[] = [
  "related",
  "based",
  "led",
  "wide",
  "level",
  "specific",
  "focused",
  "friendly",
  "free",
  "driven",
  "oriented",
  "linked",
];

/** Prefixes of English derived words (pre-registration, re-inspection). */
export const EN_PREFIXES: readonly string[] = ["re", "pre", "non", "co", "post", "cross", "sub"];

/** Endings that make a place into an office or area (부산시, 세종청사), English beside Korean. */
export const PLACE_SUFFIXES: readonly (readonly [en: string, ko: string])[] = [
  ["City", "시"],
  ["area", "지역"],
  ["region", "권"],
  ["office", "사무소"],
  ["branch", "지사"],
  ["centre", "센터"],
  ["city hall", "시청"],
  ["government complex", "청사"],
];
