#include "demo/demo_text.h"

namespace shoppilot::demo::text {

const std::vector<CategorySpec>& categories()
{
    static const std::vector<CategorySpec> v{
        {{"Cushions & Throws", "靠垫与盖毯"}, 24, -2.2, 600, 0.2,
         {{{"Throw Pillow", "抱枕"}, {"Cushion Cover", "靠垫套"}, {"Knitted Throw", "针织盖毯"}, {"Floor Cushion", "地板坐垫"}, {"Bolster", "长条靠枕"}}},
         {{{"Linen", "亚麻"}, {"Velvet", "丝绒"}, {"Cotton", "纯棉"}, {"Wool", "羊毛"}, {"Boucle", "泰迪绒"}}},
         {{{"45cm", "45厘米"}, {"50cm", "50厘米"}, {"60cm", "60厘米"}}}},
        {{"Bedding", "床上用品"}, 48, -1.8, 1500, 0.1,
         {{{"Duvet Cover", "被套"}, {"Fitted Sheet", "床笠"}, {"Pillowcase Set", "枕套套装"}, {"Duvet", "被芯"}, {"Mattress Topper", "床垫褥"}}},
         {{{"Egyptian Cotton", "埃及棉"}, {"Linen", "亚麻"}, {"Bamboo", "竹纤维"}, {"Silk", "真丝"}, {"Percale", "精梳棉"}}},
         {{{"Single", "单人"}, {"Double", "双人"}, {"King", "特大号"}}}},
        {{"Bath", "浴室用品"}, 18, -2.4, 700, 0.4,
         {{{"Bath Towel", "浴巾"}, {"Hand Towel", "毛巾"}, {"Bath Mat", "浴室地垫"}, {"Bathrobe", "浴袍"}, {"Shower Curtain", "浴帘"}}},
         {{{"Turkish Cotton", "土耳其棉"}, {"Waffle", "华夫格"}, {"Organic Cotton", "有机棉"}, {"Microfibre", "超细纤维"}, {"Bamboo", "竹纤维"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Kitchen", "厨房用品"}, 32, -1.6, 1200, 0.1,
         {{{"Chef's Knife", "主厨刀"}, {"Frying Pan", "煎锅"}, {"Chopping Board", "砧板"}, {"Saucepan", "奶锅"}, {"Mixing Bowl", "搅拌碗"}}},
         {{{"Stainless Steel", "不锈钢"}, {"Cast Iron", "铸铁"}, {"Non-stick", "不粘"}, {"Acacia Wood", "相思木"}, {"Ceramic", "陶瓷"}}},
         {{{"20cm", "20厘米"}, {"24cm", "24厘米"}, {"28cm", "28厘米"}}}},
        {{"Tableware", "餐具"}, 22, -2.0, 900, 0.5,
         {{{"Dinner Plate Set", "餐盘套装"}, {"Pasta Bowl", "意面碗"}, {"Mug", "马克杯"}, {"Cutlery Set", "刀叉套装"}, {"Wine Glass Set", "红酒杯套装"}}},
         {{{"Stoneware", "粗陶"}, {"Porcelain", "白瓷"}, {"Bone China", "骨瓷"}, {"Glazed", "釉面"}, {"Matte", "哑光"}}},
         {{{"Set of 2", "2件装"}, {"Set of 4", "4件装"}, {"Set of 6", "6件装"}}}},
        {{"Lighting", "灯具"}, 55, -1.4, 2000, 0.0,
         {{{"Table Lamp", "台灯"}, {"Floor Lamp", "落地灯"}, {"Pendant Light", "吊灯"}, {"LED Strip", "LED灯带"}, {"Desk Lamp", "书桌灯"}}},
         {{{"Rattan", "藤编"}, {"Brass", "黄铜"}, {"Glass", "玻璃"}, {"Ceramic", "陶瓷"}, {"Smart", "智能"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Storage", "收纳整理"}, 16, -2.6, 800, 0.6,
         {{{"Storage Basket", "收纳篮"}, {"Shoe Rack", "鞋架"}, {"Drawer Organiser", "抽屉收纳盒"}, {"Laundry Hamper", "脏衣篮"}, {"Storage Box", "收纳箱"}}},
         {{{"Seagrass", "海草编"}, {"Bamboo", "竹制"}, {"Metal", "金属"}, {"Fabric", "布艺"}, {"Clear", "透明"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Furniture", "家具"}, 140, -1.2, 9000, 0.0,
         {{{"Side Table", "边几"}, {"Bookshelf", "书架"}, {"Bar Stool", "吧台凳"}, {"Coffee Table", "茶几"}, {"Armchair", "单人扶手椅"}}},
         {{{"Oak", "橡木"}, {"Walnut", "胡桃木"}, {"Rattan", "藤编"}, {"Metal", "金属"}, {"Velvet", "丝绒"}}},
         {{{"Compact", "紧凑款"}, {"Standard", "标准款"}, {"Wide", "加宽款"}}}},
        {{"Rugs", "地毯"}, 62, -1.7, 3500, 0.0,
         {{{"Area Rug", "客厅地毯"}, {"Hallway Runner", "走廊地毯"}, {"Doormat", "门垫"}, {"Round Rug", "圆形地毯"}, {"Washable Rug", "可水洗地毯"}}},
         {{{"Jute", "黄麻"}, {"Wool", "羊毛"}, {"Cotton", "棉质"}, {"Shaggy", "长绒"}, {"Flatweave", "平织"}}},
         {{{"120x170cm", "120x170厘米"}, {"160x230cm", "160x230厘米"}, {"200x290cm", "200x290厘米"}}}},
        {{"Decor", "家居饰品"}, 26, -2.3, 1100, 0.1,
         {{{"Vase", "花瓶"}, {"Photo Frame", "相框"}, {"Wall Mirror", "挂镜"}, {"Candle Holder", "烛台"}, {"Wall Clock", "挂钟"}}},
         {{{"Ceramic", "陶瓷"}, {"Glass", "玻璃"}, {"Brass", "黄铜"}, {"Oak", "橡木"}, {"Marble", "大理石"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Candles & Fragrance", "香薰蜡烛"}, 14, -2.8, 450, 0.7,
         {{{"Scented Candle", "香薰蜡烛"}, {"Reed Diffuser", "藤条香薰"}, {"Essential Oil", "精油"}, {"Wax Melt", "香薰蜡片"}, {"Room Spray", "室内喷雾"}}},
         {{{"Lavender", "薰衣草"}, {"Sandalwood", "檀香"}, {"Fig", "无花果"}, {"Sea Salt", "海盐"}, {"Jasmine", "茉莉"}}},
         {{{"100ml", "100毫升"}, {"200ml", "200毫升"}, {"500ml", "500毫升"}}}},
        {{"Garden", "园艺户外"}, 29, -1.9, 2500, 0.3,
         {{{"Plant Pot", "花盆"}, {"Watering Can", "浇水壶"}, {"Garden Chair", "户外椅"}, {"Solar Lantern", "太阳能灯笼"}, {"Planter", "种植箱"}}},
         {{{"Terracotta", "陶土"}, {"Galvanised", "镀锌"}, {"Teak", "柚木"}, {"Resin", "树脂"}, {"Concrete", "水泥"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Cleaning", "清洁用品"}, 9, -3.1, 700, 0.9,
         {{{"Microfibre Cloth Set", "超细纤维抹布套装"}, {"Spray Mop", "喷水拖把"}, {"Dish Brush", "洗碗刷"}, {"Dustpan Set", "扫把簸箕套装"}, {"Laundry Liquid", "洗衣液"}}},
         {{{"Eco", "环保"}, {"Bamboo", "竹制"}, {"Compact", "紧凑型"}, {"Refillable", "可替换装"}, {"Heavy Duty", "强力"}}},
         {{{"1L", "1升"}, {"2L", "2升"}, {"4L", "4升"}}}},
        {{"Kids' Room", "儿童房"}, 21, -2.1, 900, 0.2,
         {{{"Night Light", "小夜灯"}, {"Play Mat", "爬行垫"}, {"Toy Storage", "玩具收纳架"}, {"Kids Bedding Set", "儿童床品套装"}, {"Growth Chart", "身高尺"}}},
         {{{"Cotton", "纯棉"}, {"Wooden", "木制"}, {"Felt", "毛毡"}, {"Organic", "有机"}, {"Rainbow", "彩虹"}}},
         {{{"Small", "小号"}, {"Medium", "中号"}, {"Large", "大号"}}}},
        {{"Small Appliances", "小家电"}, 49, -1.5, 1800, 0.0,
         {{{"Electric Kettle", "电热水壶"}, {"Toaster", "多士炉"}, {"Coffee Grinder", "咖啡磨豆机"}, {"Hand Blender", "手持料理棒"}, {"Air Purifier", "空气净化器"}}},
         {{{"Stainless", "不锈钢"}, {"Retro", "复古"}, {"Glass", "玻璃"}, {"Compact", "迷你"}, {"Smart", "智能"}}},
         {{{"1.0L", "1.0升"}, {"1.5L", "1.5升"}, {"1.7L", "1.7升"}}}},
        {{"Home Office", "书房办公"}, 19, -2.5, 600, 0.3,
         {{{"Desk Organiser", "桌面收纳盒"}, {"Notebook", "笔记本"}, {"Monitor Stand", "显示器支架"}, {"Desk Mat", "桌垫"}, {"Pen Holder", "笔筒"}}},
         {{{"Leather", "皮革"}, {"Cork", "软木"}, {"Walnut", "胡桃木"}, {"Felt", "毛毡"}, {"Aluminium", "铝合金"}}},
         {{{"A5", "A5"}, {"A4", "A4"}, {"XL", "加大"}}}},
    };
    return v;
}

const std::vector<Word>& colours()
{
    static const std::vector<Word> v{
        {"Grey", "灰色"}, {"Navy", "藏青色"}, {"Sage", "鼠尾草绿"}, {"Ivory", "象牙白"}, {"Black", "黑色"},
        {"Terracotta", "陶土色"}, {"Blush", "浅粉色"}, {"Charcoal", "炭灰色"}, {"Natural", "原色"}, {"White", "白色"},
        {"Mustard", "芥末黄"}, {"Forest Green", "森林绿"},
    };
    return v;
}

const std::vector<std::string_view>& brands()
{
    static const std::vector<std::string_view> v{
        "Nordhem", "Casa Lume", "Willow & Pine", "Oakridge", "Luma Living", "Stillwater", "Fenwick & Co",
        "Maison Clair", "Harbour Lane", "Bamboo Bay", "Emberly", "Tidewell", "Moss & Stone", "Nuo Home",
        "Qingshan", "Arden Mill", "Kestrel", "Halden", "Mira Studio", "Yunjia",
    };
    return v;
}

const std::vector<City>& cities()
{
    static const std::vector<City> v{
        {"GB", "London", "伦敦", 51.5074, -0.1278, 40, "SW"},
        {"GB", "Manchester", "曼彻斯特", 53.4808, -2.2426, 14, "M"},
        {"GB", "Birmingham", "伯明翰", 52.4862, -1.8904, 12, "B"},
        {"GB", "Leeds", "利兹", 53.8008, -1.5491, 7, "LS"},
        {"GB", "Glasgow", "格拉斯哥", 55.8642, -4.2518, 7, "G"},
        {"GB", "Bristol", "布里斯托", 51.4545, -2.5879, 7, "BS"},
        {"GB", "Edinburgh", "爱丁堡", 55.9533, -3.1883, 7, "EH"},
        {"GB", "Liverpool", "利物浦", 53.4084, -2.9916, 6, "L"},
        {"CN", "Shanghai", "上海", 31.2304, 121.4737, 30, "200"},
        {"CN", "Beijing", "北京", 39.9042, 116.4074, 25, "100"},
        {"CN", "Shenzhen", "深圳", 22.5431, 114.0579, 15, "518"},
        {"CN", "Guangzhou", "广州", 23.1291, 113.2644, 12, "510"},
        {"CN", "Hangzhou", "杭州", 30.2741, 120.1551, 10, "310"},
        {"CN", "Chengdu", "成都", 30.5728, 104.0668, 8, "610"},
        {"US", "New York", "纽约", 40.7128, -74.0060, 40, "100"},
        {"US", "Los Angeles", "洛杉矶", 34.0522, -118.2437, 25, "900"},
        {"US", "Chicago", "芝加哥", 41.8781, -87.6298, 20, "606"},
        {"US", "San Francisco", "旧金山", 37.7749, -122.4194, 15, "941"},
        {"DE", "Berlin", "柏林", 52.5200, 13.4050, 45, "10"},
        {"DE", "Munich", "慕尼黑", 48.1351, 11.5820, 30, "80"},
        {"DE", "Hamburg", "汉堡", 53.5511, 9.9937, 25, "20"},
        {"FR", "Paris", "巴黎", 48.8566, 2.3522, 70, "750"},
        {"FR", "Lyon", "里昂", 45.7640, 4.8357, 30, "690"},
        {"IE", "Dublin", "都柏林", 53.3498, -6.2603, 100, "D"},
        {"NL", "Amsterdam", "阿姆斯特丹", 52.3676, 4.9041, 100, "10"},
    };
    return v;
}

const std::vector<CountryShare>& countries()
{
    static const std::vector<CountryShare> v{
        {"GB", 0.48}, {"CN", 0.20}, {"US", 0.10}, {"DE", 0.08}, {"FR", 0.07}, {"IE", 0.04}, {"NL", 0.03},
    };
    return v;
}

const std::vector<std::string_view>& foreignIpCountries()
{
    static const std::vector<std::string_view> v{"BR", "RO", "VN", "NG", "ID", "UA", "TR", "PH"};
    return v;
}

const std::vector<std::string_view>& streets(std::string_view country)
{
    static const std::vector<std::string_view> gb{"High Street", "Station Road", "Church Lane", "Victoria Road",
                                                 "Park Avenue", "Mill Lane", "Queen Street", "King's Road",
                                                 "Albert Terrace", "Green Lane"};
    static const std::vector<std::string_view> cn{"Nanjing West Road", "Huaihai Middle Road", "Zhongshan Road",
                                                 "Jianguo Road", "Renmin Road", "Wenyi Road", "Binjiang Avenue",
                                                 "Tianfu Avenue"};
    static const std::vector<std::string_view> us{"Main Street", "Oak Avenue", "Maple Street", "5th Avenue",
                                                 "Sunset Boulevard", "Elm Street", "Lake Shore Drive", "Pine Street"};
    static const std::vector<std::string_view> de{"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße",
                                                 "Lindenallee", "Goethestraße"};
    static const std::vector<std::string_view> fr{"Rue de la Paix", "Avenue Victor Hugo", "Rue du Commerce",
                                                 "Boulevard Voltaire", "Rue des Lilas", "Quai Saint-Antoine"};
    static const std::vector<std::string_view> other{"Harbour Street", "Canal Road", "Grafton Street",
                                                    "Prinsengracht", "Damrak", "Baggot Street"};
    if (country == "GB")
        return gb;
    if (country == "CN")
        return cn;
    if (country == "US")
        return us;
    if (country == "DE")
        return de;
    if (country == "FR")
        return fr;
    return other;
}

const std::vector<std::string_view>& firstNames(std::string_view country)
{
    static const std::vector<std::string_view> en{"Oliver", "Amelia", "Harry", "Olivia", "Jack", "Isla", "George",
                                                 "Emily", "Noah", "Ava", "Charlie", "Sophie", "James", "Grace",
                                                 "William", "Lily", "Thomas", "Mia", "Daniel", "Chloe", "Ethan",
                                                 "Hannah", "Samuel", "Zara", "Aisha", "Mohammed", "Priya", "Liam"};
    static const std::vector<std::string_view> zh{"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰",
                                                 "婷", "强", "军", "欣怡", "子涵", "浩然", "雨桐", "梓轩", "思远",
                                                 "嘉怡"};
    static const std::vector<std::string_view> de{"Lukas", "Anna", "Leon", "Lena", "Felix", "Marie", "Jonas",
                                                 "Sophie", "Paul", "Emma", "Finn", "Mia"};
    static const std::vector<std::string_view> fr{"Lucas", "Léa", "Hugo", "Chloé", "Louis", "Manon", "Jules",
                                                 "Camille", "Gabriel", "Inès", "Arthur", "Zoé"};
    if (country == "CN")
        return zh;
    if (country == "DE" || country == "NL")
        return de;
    if (country == "FR")
        return fr;
    return en;
}

const std::vector<std::string_view>& lastNames(std::string_view country)
{
    static const std::vector<std::string_view> en{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
                                                 "Johnson", "Davies", "Patel", "Robinson", "Wright", "Thompson",
                                                 "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
                                                 "Khan", "Murphy", "O'Brien", "Garcia", "Miller", "Clarke", "Chen"};
    static const std::vector<std::string_view> zh{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                                 "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    static const std::vector<std::string_view> de{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
                                                 "Wagner", "Becker", "de Vries", "Jansen", "Bakker", "Visser"};
    static const std::vector<std::string_view> fr{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
                                                 "Petit", "Durand", "Leroy", "Moreau"};
    if (country == "CN")
        return zh;
    if (country == "DE" || country == "NL")
        return de;
    if (country == "FR")
        return fr;
    return en;
}

const std::vector<DepotSpec>& depots()
{
    static const std::vector<DepotSpec> v{
        {"London Park Royal", "London", "GB", 51.5290, -0.2750},
        {"Manchester Trafford", "Manchester", "GB", 53.4668, -2.3210},
        {"Birmingham Hub", "Birmingham", "GB", 52.5020, -1.8430},
        {"Shanghai Minhang", "Shanghai", "CN", 31.1127, 121.3817},
        {"Berlin Tempelhof", "Berlin", "DE", 52.4675, 13.4020},
        {"New York Queens", "New York", "US", 40.7282, -73.7949},
    };
    return v;
}

const std::vector<CampaignSpec>& campaigns()
{
    static const std::vector<CampaignSpec> v{
        {"Winter Warmers Newsletter", "email", "Curated throws and bedding"},
        {"New Year Reset SMS", "sms", "Free delivery over £30"},
        {"Spring Refresh Coupon", "coupon", "15% off with SPRING15"},
        {"App Flash Sale Push", "push", "48-hour app-only prices"},
        {"We Miss You Win-back", "email", "£10 off your next order"},
        {"Summer Garden Coupon", "coupon", "10% off garden with GARDEN10"},
        {"Back to Routine Push", "push", "Storage and home office picks"},
        {"Autumn Nest SMS", "sms", "Early access to autumn range"},
        {"Loyalty Thank-you Email", "email", "Double points week"},
        {"Singles Day Coupon", "coupon", "11% off with SD11"},
    };
    return v;
}

const std::vector<std::string_view>& competitors()
{
    static const std::vector<std::string_view> v{"HomeMart", "CasaDirect", "NestValue"};
    return v;
}

const std::vector<IntentSpec>& intents()
{
    static const std::vector<IntentSpec> v{
        {"order_status", 0.15, true,
         {"Where is my order {order}?", "Can you tell me the status of order {order}?",
          "My order {order} still hasn't arrived, any update?", "I ordered {product} last week ({order}), when will it ship?",
          "has order {order} been dispatched yet", "Tracking for {order} hasn't changed in {days} days."},
         {"我的订单{order}到哪里了？", "请问订单{order}现在是什么状态？", "订单{order}还没收到，能帮我查一下吗",
          "上周买的{product}（订单{order}）什么时候发货？", "{order}这个单发货了吗", "订单{order}的物流{days}天没更新了"},
         "Let me check order {order} for you. It is on its way and should arrive within 2 working days.",
         "我帮您查一下订单{order}：包裹正在配送中，预计2个工作日内送达。",
         "Tracking your order", "Every order gets a tracking link by email once it leaves our depot. Orders ship within 1 working day; most arrive in 2-4 days. You can also see the status under My Orders.",
         "查询订单状态", "订单出库后我们会通过邮件发送物流链接。一般1个工作日内发货，2-4天送达。您也可以在“我的订单”中查看状态。"},
        {"return_request", 0.09, true,
         {"I'd like to return the {product} from order {order}.", "How do I send back {product}? Order {order}.",
          "Can I return an item from {order}? It doesn't fit.", "I want to return order {order}, the colour is not what I expected.",
          "return label for {order} please"},
         {"我想退回订单{order}里的{product}。", "{product}不合适，怎么退货？订单号{order}", "订单{order}可以退货吗？尺寸不对",
          "申请退货，订单{order}，颜色和图片不一样", "请给我订单{order}的退货标签"},
         "You can return unused items within 30 days. I have created a return for order {order}; the label is in your email.",
         "未使用的商品30天内可退。我已为订单{order}创建退货申请，退货标签已发送到您的邮箱。",
         "Returns policy", "Unused items can be returned within 30 days of delivery. Start a return under My Orders, print the prepaid label and drop the parcel at any post office.",
         "退货政策", "商品签收后30天内且未使用可申请退货。在“我的订单”中发起退货，打印预付标签后到邮局寄回即可。"},
        {"refund_status", 0.08, true,
         {"When will I get my refund for {order}?", "I returned {order} {days} days ago and still no refund.",
          "Has the refund for order {order} been processed?", "Still waiting on my money back for {order}",
          "refund for {order} not received"},
         {"订单{order}的退款什么时候到账？", "订单{order}已经退回{days}天了还没收到退款", "请问订单{order}的退款处理了吗？",
          "{order}的钱还没退给我", "退款没收到，订单{order}"},
         "The refund for order {order} was issued; banks usually take 3-5 working days to show it.",
         "订单{order}的退款已经发出，银行通常需要3-5个工作日到账。",
         "Refund times", "Refunds are issued within 2 working days after we receive your return. Your bank may take 3-5 more working days to show the money.",
         "退款时效", "收到退货后2个工作日内退款，银行到账可能还需3-5个工作日。"},
        {"shipping_time", 0.09, false,
         {"How long does delivery to {city} take?", "Do you deliver to {city} and how long does it take?",
          "If I order {product} today when would it arrive?", "What are your delivery times?",
          "How many days is shipping to {city}?"},
         {"寄到{city}需要几天？", "可以送到{city}吗？大概多久？", "今天下单{product}什么时候能到？", "你们的配送时间是多久",
          "发货到{city}要多少天"},
         "Standard delivery takes 2-4 working days; express arrives next working day in most cities.",
         "标准配送需2-4个工作日，大部分城市可选次日达快递。",
         "Delivery times and costs", "Standard delivery takes 2-4 working days and is free over £50. Express delivery arrives next working day in most cities. International orders take 5-10 days.",
         "配送时间与费用", "标准配送2-4个工作日，满50英镑免运费。大部分城市可选次日达。国际订单需5-10天。"},
        {"change_address", 0.06, true,
         {"I need to change the delivery address for {order}.", "Can I update the shipping address on order {order}?",
          "Wrong address on {order}, I've moved to {city}.", "please change the address for order {order}"},
         {"订单{order}需要修改收货地址。", "可以改一下订单{order}的收货地址吗？", "订单{order}地址填错了，我搬到{city}了",
          "麻烦帮我改订单{order}的地址"},
         "I can change the address while order {order} has not left the depot. Please send the new address.",
         "订单{order}出库前可以修改地址，请把新地址发给我。",
         "Changing a delivery address", "You can change the address until the order leaves our depot. After dispatch, ask the courier to redirect it using the tracking link.",
         "修改收货地址", "订单出库前可以修改地址。已发货的订单请通过物流链接联系快递改派。"},
        {"cancel_order", 0.07, true,
         {"Please cancel my order {order}.", "I ordered {product} by mistake, can you cancel {order}?",
          "Can I still cancel order {order}?", "cancel {order} please, I found it cheaper elsewhere"},
         {"请取消订单{order}。", "{product}买错了，能取消订单{order}吗？", "订单{order}还能取消吗？", "帮我取消{order}，不想要了"},
         "Order {order} has been cancelled; the payment will be released within 3 working days.",
         "订单{order}已取消，款项将在3个工作日内退回。",
         "Cancelling an order", "Orders can be cancelled free of charge before dispatch from My Orders. After dispatch, please return the parcel instead.",
         "取消订单", "发货前可以在“我的订单”中免费取消。已发货的订单请在收货后办理退货。"},
        {"payment_failed", 0.05, false,
         {"My payment keeps failing at checkout.", "Card declined but money was taken?", "Why was my payment for {product} declined?",
          "I can't pay with PayPal, it says error.", "payment failed twice, please help"},
         {"结账时一直支付失败。", "银行卡被拒了但是扣钱了？", "为什么买{product}付款失败？", "用支付宝付不了，显示错误", "付款失败两次了，怎么办"},
         "Sorry about that. Failed payments are never charged; holds disappear within 48 hours. Please try another card or PayPal.",
         "抱歉给您带来不便。支付失败不会扣款，预授权会在48小时内自动解除。请尝试更换银行卡或其他支付方式。",
         "Payment problems", "If a payment fails, no money is taken; any pending hold is released by your bank within 48 hours. Check the billing address matches your card, or use PayPal, Alipay or WeChat Pay.",
         "支付问题", "支付失败不会扣款，银行预授权会在48小时内解除。请确认账单地址与银行卡一致，或改用PayPal、支付宝、微信支付。"},
        {"invoice_request", 0.05, true,
         {"Could you send me a VAT invoice for {order}?", "I need an invoice for order {order} for my company.",
          "Where can I download the receipt for {order}?", "invoice for {order} please"},
         {"能给我开订单{order}的发票吗？", "公司报销需要订单{order}的发票", "订单{order}的收据在哪里下载？", "麻烦开一下{order}的发票"},
         "The invoice for order {order} is now in your email and under My Orders.",
         "订单{order}的发票已发送到您的邮箱，也可在“我的订单”中下载。",
         "Invoices and receipts", "Every order has a VAT invoice you can download under My Orders. For a company invoice, add the company name and VAT number before checkout.",
         "发票与收据", "每笔订单都可在“我的订单”下载发票。如需公司抬头，请在结账前填写公司名称和税号。"},
        {"product_question", 0.08, false,
         {"Is the {product} machine washable?", "What are the dimensions of the {product}?",
          "Does the {product} come in other colours?", "Is {product} suitable for a small flat?", "what material is the {product} made of"},
         {"{product}可以机洗吗？", "{product}的尺寸是多少？", "{product}有其他颜色吗？", "{product}适合小户型吗？", "{product}是什么材质的"},
         "Good question! The size, material and care instructions for {product} are on its product page under Details.",
         "好问题！{product}的尺寸、材质和洗护说明都在商品详情页的“详情”里。",
         "Product details and care", "Each product page lists dimensions, materials and care instructions under Details. Textiles are machine washable at 30°C unless the label says otherwise.",
         "商品详情与保养", "商品详情页列出了尺寸、材质和保养说明。纺织品如无特别说明可30度机洗。"},
        {"complaint", 0.06, true,
         {"Really disappointed with order {order}, the quality is poor.", "This is the second time {order} is late, terrible service.",
          "I want to complain about the courier for {order}.", "Very unhappy with {product}, not as described."},
         {"订单{order}质量太差了，很失望。", "订单{order}又延误了，服务太差", "我要投诉订单{order}的快递员", "{product}和描述不符，非常不满意"},
         "I am sorry to hear that. I have passed order {order} to a colleague who will get back to you today.",
         "非常抱歉给您带来不好的体验。我已将订单{order}转交同事，今天内会联系您。",
         "How we handle complaints", "We answer every complaint within one working day. Tell us your order number and what went wrong; we will make it right with a replacement, refund or voucher.",
         "投诉处理", "我们会在一个工作日内回复每条投诉。请提供订单号和问题，我们会提供换货、退款或优惠券。"},
        {"coupon_issue", 0.05, false,
         {"My coupon code {coupon} isn't working.", "The discount code {coupon} says expired?",
          "I forgot to apply {coupon} to my order, can you add it?", "why doesn't {coupon} work on {product}"},
         {"优惠码{coupon}用不了。", "优惠码{coupon}显示已过期？", "下单忘了用优惠码{coupon}，还能补吗？", "为什么{product}不能用{coupon}"},
         "Coupon {coupon} works on full-price items before its end date; it cannot be combined with sale prices.",
         "优惠码{coupon}在有效期内适用于正价商品，不能与促销价叠加使用。",
         "Coupons and discount codes", "Enter the code at checkout. Codes have an end date, apply to full-price items only and cannot be combined with other offers.",
         "优惠码使用说明", "在结账时输入优惠码。优惠码有有效期，仅适用于正价商品，不能与其他优惠叠加。"},
        {"damaged_item", 0.05, true,
         {"The {product} in order {order} arrived broken.", "My parcel {order} was damaged, the {product} is cracked.",
          "Item arrived damaged ({order}), what can I do?", "{product} came scratched, order {order}"},
         {"订单{order}里的{product}收到时是坏的。", "包裹{order}破损了，{product}裂了", "收到的商品损坏了（{order}），怎么处理？",
          "{product}有划痕，订单{order}"},
         "Sorry! Please send a photo of the damage and I will arrange a free replacement for order {order}.",
         "非常抱歉！请发一张破损照片，我会为订单{order}安排免费换新。",
         "Damaged or faulty items", "If something arrives damaged, send us a photo within 14 days. We send a free replacement or a full refund; you do not need to return broken glass or ceramics.",
         "商品破损或质量问题", "如收到破损商品，请在14天内发送照片。我们会免费补发或全额退款，破碎的玻璃陶瓷无需寄回。"},
        {"wrong_item", 0.04, true,
         {"I received the wrong item in order {order}.", "Ordered {product} but got something else, order {order}.",
          "Wrong colour sent for {order}.", "this isn't what I ordered ({order})"},
         {"订单{order}发错货了。", "我买的是{product}，收到的却不是，订单{order}", "订单{order}颜色发错了", "收到的东西不是我订的（{order}）"},
         "Apologies for the mix-up on order {order}. A courier will collect the wrong item and we will send the right one.",
         "订单{order}发错货非常抱歉，快递员会上门取回，我们会补发正确的商品。",
         "Wrong item received", "If we sent the wrong item, we collect it for free and send the right one by express delivery.",
         "收到错误商品", "如果发错商品，我们会免费上门取件，并用快递补发正确商品。"},
        {"account_login", 0.03, false,
         {"I can't log in to my account.", "Password reset email never arrives.", "How do I change the email on my account?",
          "my account is locked"},
         {"我登录不了账号。", "重置密码的邮件一直收不到", "怎么修改账号绑定的邮箱？", "账号被锁定了"},
         "Please use 'Forgot password' on the login page; the reset link is valid for one hour. Check your spam folder too.",
         "请在登录页点击“忘记密码”，重置链接1小时内有效。也请检查垃圾邮件箱。",
         "Account and login help", "Use Forgot password on the login page to get a reset link (valid for one hour). Accounts lock for 15 minutes after five wrong passwords.",
         "账号与登录", "在登录页点击“忘记密码”获取重置链接（1小时内有效）。连续输错5次密码账号将锁定15分钟。"},
        {"stock_availability", 0.05, false,
         {"When will {product} be back in stock?", "Is the {product} available in {city}?",
          "Do you have more {product} coming?", "{product} shows sold out, will you restock?"},
         {"{product}什么时候补货？", "{city}能买到{product}吗？", "{product}还会再到货吗？", "{product}显示售罄，还会补货吗"},
         "{product} is being restocked; tap 'Notify me' on its page and we will email you when it is back.",
         "{product}正在补货中，在商品页点击“到货通知”，到货后会邮件通知您。",
         "Stock and restocks", "Sold-out items are usually restocked within 2-3 weeks. Use Notify me on the product page to get an email when it is back.",
         "库存与补货", "售罄商品一般2-3周内补货。在商品页点击“到货通知”，到货后我们会发邮件提醒。"},
    };
    return v;
}

const std::vector<std::string_view>& openersEn()
{
    static const std::vector<std::string_view> v{"", "", "Hi, ", "Hello, ", "Hi there! ", "Good morning, ", "Hey, "};
    return v;
}
const std::vector<std::string_view>& openersZh()
{
    static const std::vector<std::string_view> v{"", "", "你好，", "您好，", "在吗？", "客服你好，"};
    return v;
}
const std::vector<std::string_view>& closersEn()
{
    static const std::vector<std::string_view> v{"", "", " Thanks!", " Thank you.", " Cheers", " Please help."};
    return v;
}
const std::vector<std::string_view>& closersZh()
{
    static const std::vector<std::string_view> v{"", "", "谢谢！", "麻烦了", "急，谢谢", "辛苦了"};
    return v;
}
const std::vector<std::string_view>& followUpsEn()
{
    static const std::vector<std::string_view> v{"Thanks, that helps.", "OK great, thank you!", "That doesn't answer my question.",
                                                "Can I speak to a person?", "Perfect, cheers."};
    return v;
}
const std::vector<std::string_view>& followUpsZh()
{
    static const std::vector<std::string_view> v{"好的，谢谢。", "明白了，谢谢！", "这没有解决我的问题。", "能转人工吗？", "好的，辛苦了"};
    return v;
}
const std::vector<std::string_view>& agentRepliesEn()
{
    static const std::vector<std::string_view> v{"Hi, this is {agent} from the support team. I've sorted this out for you.",
                                                "Thanks for your patience. I have updated your order and emailed you the details.",
                                                "I've issued a goodwill voucher to your account. Sorry again for the trouble."};
    return v;
}
const std::vector<std::string_view>& agentRepliesZh()
{
    static const std::vector<std::string_view> v{"您好，我是客服{agent}，已经为您处理好了。", "感谢耐心等待，订单已更新，详情已发送到您的邮箱。",
                                                "已为您的账户发放一张补偿优惠券，再次抱歉。"};
    return v;
}

} // namespace shoppilot::demo::text
