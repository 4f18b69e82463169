<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Panels</name>
    <message>
        <source>Overview</source>
        <translation>经营概览</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>个性化推荐</translation>
    </message>
    <message>
        <source>Pricing</source>
        <translation>定价</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风控</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>智能客服</translation>
    </message>
    <message>
        <source>Logistics</source>
        <translation>物流配送</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>An unexpected error stopped the job.</source>
        <translation>一个意外错误中止了任务。</translation>
    </message>
</context>
<context>
    <name>RiskReasons</name>
    <message>
        <source>Order amount %1</source>
        <translation>订单金额 %1</translation>
    </message>
    <message>
        <source>Amount is %1× the customer&apos;s average</source>
        <translation>金额是该顾客平均值的 %1 倍</translation>
    </message>
    <message>
        <source>Account created %1 days before the order</source>
        <translation>账户在下单前 %1 天注册</translation>
    </message>
    <message>
        <source>The customer&apos;s first order</source>
        <translation>顾客的首笔订单</translation>
    </message>
    <message>
        <source>A returning customer</source>
        <translation>回头客</translation>
    </message>
    <message>
        <source>%1 earlier orders by the customer</source>
        <translation>该顾客之前有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders by the customer in the last hour</source>
        <translation>该顾客最近一小时下了 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders by the customer in the last 24 hours</source>
        <translation>该顾客最近 24 小时下了 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders from this device in the last hour</source>
        <translation>此设备最近一小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders from this device in the last 24 hours</source>
        <translation>此设备最近 24 小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders from this IP address in the last hour</source>
        <translation>此 IP 地址最近一小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders from this IP address in the last 24 hours</source>
        <translation>此 IP 地址最近 24 小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders with this card in the last hour</source>
        <translation>此银行卡最近一小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders with this card in the last 24 hours</source>
        <translation>此银行卡最近 24 小时有 %1 笔订单</translation>
    </message>
    <message>
        <source>%1 orders to this address in the last 24 hours</source>
        <translation>最近 24 小时有 %1 笔订单寄往此地址</translation>
    </message>
    <message>
        <source>%1 accounts used this device</source>
        <translation>%1 个账户使用过此设备</translation>
    </message>
    <message>
        <source>%1 accounts used this IP address</source>
        <translation>%1 个账户使用过此 IP 地址</translation>
    </message>
    <message>
        <source>%1 accounts used this card</source>
        <translation>%1 个账户使用过此银行卡</translation>
    </message>
    <message>
        <source>%1 accounts ship to this address</source>
        <translation>%1 个账户寄往此地址</translation>
    </message>
    <message>
        <source>Shipping country differs from billing country</source>
        <translation>收货国家与账单国家不同</translation>
    </message>
    <message>
        <source>Shipping and billing country match</source>
        <translation>收货国家与账单国家一致</translation>
    </message>
    <message>
        <source>IP country differs from billing country</source>
        <translation>IP 所在国家与账单国家不同</translation>
    </message>
    <message>
        <source>IP country matches billing country</source>
        <translation>IP 所在国家与账单国家一致</translation>
    </message>
    <message>
        <source>IP country differs from shipping country</source>
        <translation>IP 所在国家与收货国家不同</translation>
    </message>
    <message>
        <source>IP country matches shipping country</source>
        <translation>IP 所在国家与收货国家一致</translation>
    </message>
    <message>
        <source>A payment method the customer never used before</source>
        <translation>顾客从未使用过的支付方式</translation>
    </message>
    <message>
        <source>A known payment method</source>
        <translation>已用过的支付方式</translation>
    </message>
    <message>
        <source>%1 payment methods used by the customer</source>
        <translation>该顾客使用过 %1 种支付方式</translation>
    </message>
    <message>
        <source>%1 failed orders by the customer in the last 24 hours</source>
        <translation>该顾客最近 24 小时有 %1 笔失败订单</translation>
    </message>
    <message>
        <source>%1 order lines</source>
        <translation>%1 个订单行</translation>
    </message>
    <message>
        <source>%1 units</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>%1 categories in the basket</source>
        <translation>购物车中有 %1 个品类</translation>
    </message>
    <message>
        <source>%1% of items from categories new to the customer</source>
        <translation>%1% 的商品来自顾客从未买过的品类</translation>
    </message>
    <message>
        <source>Most expensive item %1</source>
        <translation>最贵商品 %1</translation>
    </message>
    <message>
        <source>Device shared with an order confirmed as fraud</source>
        <translation>设备与已确认的欺诈订单共用</translation>
    </message>
    <message>
        <source>Device not linked to fraud</source>
        <translation>设备未关联欺诈</translation>
    </message>
    <message>
        <source>IP address shared with an order confirmed as fraud</source>
        <translation>IP 地址与已确认的欺诈订单共用</translation>
    </message>
    <message>
        <source>IP address not linked to fraud</source>
        <translation>IP 地址未关联欺诈</translation>
    </message>
    <message>
        <source>Card shared with an order confirmed as fraud</source>
        <translation>银行卡与已确认的欺诈订单共用</translation>
    </message>
    <message>
        <source>Card not linked to fraud</source>
        <translation>银行卡未关联欺诈</translation>
    </message>
    <message>
        <source>Shipping address shared with an order confirmed as fraud</source>
        <translation>收货地址与已确认的欺诈订单共用</translation>
    </message>
    <message>
        <source>Address not linked to fraud</source>
        <translation>地址未关联欺诈</translation>
    </message>
    <message>
        <source>The customer has an earlier order confirmed as fraud</source>
        <translation>该顾客之前有订单被确认为欺诈</translation>
    </message>
    <message>
        <source>No fraud on the customer&apos;s record</source>
        <translation>该顾客没有欺诈记录</translation>
    </message>
    <message>
        <source>Placed at %1:00 UTC</source>
        <translation>下单时间 %1:00 UTC</translation>
    </message>
    <message>
        <source>%1 minutes since the customer&apos;s previous order</source>
        <translation>距该顾客上一笔订单 %1 分钟</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已升级</translation>
    </message>
</context>
<context>
    <name>SegmentsFormat</name>
    <message>
        <source>Champions</source>
        <translation>冠军客户</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Potential loyalists</source>
        <translation>潜在忠诚客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力客户</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>Can&apos;t lose</source>
        <translation>不能失去</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>休眠客户</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>every %1 months</source>
        <translation>每 %1 个月</translation>
    </message>
    <message>
        <source>every %1 weeks</source>
        <translation>每 %1 周</translation>
    </message>
    <message>
        <source>every %1 days</source>
        <translation>每 %1 天</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>share of %1</source>
        <translation>%1 占比</translation>
    </message>
    <message>
        <source>days since the last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>spend</source>
        <translation>消费额</translation>
    </message>
    <message>
        <source>average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>days since the first order</source>
        <translation>距首次下单天数</translation>
    </message>
    <message>
        <source>days between orders</source>
        <translation>下单间隔天数</translation>
    </message>
    <message>
        <source>overdue ratio</source>
        <translation>逾期比</translation>
    </message>
    <message>
        <source>return rate</source>
        <translation>退货率</translation>
    </message>
    <message>
        <source>discount share</source>
        <translation>优惠占比</translation>
    </message>
    <message>
        <source>sessions a month</source>
        <translation>每月访问次数</translation>
    </message>
    <message>
        <source>views a session</source>
        <translation>每次访问浏览数</translation>
    </message>
    <message>
        <source>app share</source>
        <translation>App 占比</translation>
    </message>
    <message>
        <source>buys mostly %1 (%2 of items)</source>
        <translation>主要购买%1（占商品 %2）</translation>
    </message>
    <message>
        <source>seldom buys %1</source>
        <translation>很少购买%1</translation>
    </message>
    <message>
        <source>buys only %1</source>
        <translation>只是%1购买一次</translation>
    </message>
    <message>
        <source>buys %1</source>
        <translation>%1购买一次</translation>
    </message>
    <message>
        <source>orders often (%1 orders)</source>
        <translation>经常下单（%1 单）</translation>
    </message>
    <message>
        <source>few orders (%1)</source>
        <translation>订单少（%1 单）</translation>
    </message>
    <message>
        <source>last bought %1 days ago</source>
        <translation>%1 天前最后一次购买</translation>
    </message>
    <message>
        <source>bought recently (%1 days ago)</source>
        <translation>最近购买过（%1 天前）</translation>
    </message>
    <message>
        <source>spends a lot (%1)</source>
        <translation>消费高（%1）</translation>
    </message>
    <message>
        <source>spends little (%1)</source>
        <translation>消费低（%1）</translation>
    </message>
    <message>
        <source>large baskets (%1 an order)</source>
        <translation>客单价高（每单 %1）</translation>
    </message>
    <message>
        <source>small baskets (%1 an order)</source>
        <translation>客单价低（每单 %1）</translation>
    </message>
    <message>
        <source>long-standing (first order %1 months ago)</source>
        <translation>老客户（首单于 %1 个月前）</translation>
    </message>
    <message>
        <source>new (first order %1 days ago)</source>
        <translation>新客户（首单于 %1 天前）</translation>
    </message>
    <message>
        <source>rarely without a coupon (%1 of orders)</source>
        <translation>几乎总用优惠券（占订单 %1）</translation>
    </message>
    <message>
        <source>often uses coupons (%1 of orders)</source>
        <translation>常用优惠券（占订单 %1）</translation>
    </message>
    <message>
        <source>seldom uses coupons</source>
        <translation>很少用优惠券</translation>
    </message>
    <message>
        <source>overdue (%1 times their usual gap since the last order)</source>
        <translation>已逾期（距上次下单已达平常间隔的 %1 倍）</translation>
    </message>
    <message>
        <source>buying on their usual rhythm</source>
        <translation>按平常节奏购买</translation>
    </message>
    <message>
        <source>returns often (%1 of orders)</source>
        <translation>经常退货（占订单 %1）</translation>
    </message>
    <message>
        <source>rarely returns</source>
        <translation>很少退货</translation>
    </message>
    <message>
        <source>visits often (%1 sessions a month)</source>
        <translation>经常访问（每月 %1 次）</translation>
    </message>
    <message>
        <source>rarely visits (%1 sessions a month)</source>
        <translation>很少访问（每月 %1 次）</translation>
    </message>
    <message>
        <source>browses a lot (%1 views a session)</source>
        <translation>浏览很多（每次 %1 个页面）</translation>
    </message>
    <message>
        <source>browses little</source>
        <translation>浏览很少</translation>
    </message>
    <message>
        <source>mostly on the app</source>
        <translation>主要使用 App</translation>
    </message>
    <message>
        <source>mostly on the web</source>
        <translation>主要使用网页</translation>
    </message>
    <message>
        <source>high %1</source>
        <translation>%1高</translation>
    </message>
    <message>
        <source>low %1</source>
        <translation>%1低</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Tenure</source>
        <translation>客户时长</translation>
    </message>
    <message>
        <source>learned model (LibTorch)</source>
        <translation>学习模型（LibTorch）</translation>
    </message>
    <message>
        <source>BG/NBD + Gamma-Gamma</source>
        <translation>BG/NBD + Gamma-Gamma</translation>
    </message>
    <message>
        <source>recency baseline</source>
        <translation>最近购买基线</translation>
    </message>
    <message>
        <source>the customer&apos;s most frequent categories</source>
        <translation>客户自己最常买的品类</translation>
    </message>
    <message>
        <source>&lt; 3 months</source>
        <translation>不到 3 个月</translation>
    </message>
    <message>
        <source>3-12 months</source>
        <translation>3-12 个月</translation>
    </message>
    <message>
        <source>1-2 years</source>
        <translation>1-2 年</translation>
    </message>
    <message>
        <source>2+ years</source>
        <translation>2 年以上</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui</name>
    <message>
        <source>no sales</source>
        <translation>无销量</translation>
    </message>
    <message>
        <source>no price variation</source>
        <translation>价格无变化</translation>
    </message>
    <message>
        <source>fewer than %1 prices</source>
        <translation>价格点少于 %1 个</translation>
    </message>
    <message>
        <source>fewer than %1 weeks</source>
        <translation>在售少于 %1 周</translation>
    </message>
    <message>
        <source>borrows from category</source>
        <translation>借用品类信息</translation>
    </message>
    <message>
        <source>no rule binds</source>
        <translation>无规则约束</translation>
    </message>
    <message>
        <source>minimum margin</source>
        <translation>最低毛利率</translation>
    </message>
    <message>
        <source>maximum change per step</source>
        <translation>单次最大调幅</translation>
    </message>
    <message>
        <source>price floor</source>
        <translation>价格下限</translation>
    </message>
    <message>
        <source>price ceiling</source>
        <translation>价格上限</translation>
    </message>
    <message>
        <source>competitor band</source>
        <translation>竞品价格带</translation>
    </message>
    <message>
        <source>size/variant ladder</source>
        <translation>规格/款式价格阶梯</translation>
    </message>
    <message>
        <source>observed price range</source>
        <translation>已观测价格区间</translation>
    </message>
    <message>
        <source>price ending</source>
        <translation>价格尾数</translation>
    </message>
    <message>
        <source>no elasticity estimate</source>
        <translation>无弹性估计</translation>
    </message>
    <message>
        <source>no cost known</source>
        <translation>成本未知</translation>
    </message>
    <message>
        <source>no competitor price</source>
        <translation>无竞品价格</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::AlertModel</name>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Top reason</source>
        <translation>主要原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::AuditModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>审核员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::BacktestModel</name>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Hits</source>
        <translation>命中数</translation>
    </message>
    <message>
        <source>Of which fraud</source>
        <translation>其中欺诈</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Hits per day</source>
        <translation>每日命中</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::BatchModel</name>
    <message>
        <source>Rules that gave way: %1</source>
        <translation>让步的规则：%1</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>采纳</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Δ units/week</source>
        <translation>Δ 周销量</translation>
    </message>
    <message>
        <source>Δ revenue/week</source>
        <translation>Δ 周收入</translation>
    </message>
    <message>
        <source>Δ profit/week</source>
        <translation>Δ 周毛利</translation>
    </message>
    <message>
        <source>Binding rule</source>
        <translation>起约束的规则</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::BreakdownModel</name>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Double-click to drill down into %1</source>
        <translation>双击下钻到 %1</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交额 (GMV)</translation>
    </message>
    <message>
        <source>GMV (%1)</source>
        <translation>成交额 (%1)</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Share of GMV</source>
        <translation>成交额占比</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::CampaignsPanel</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Plan a campaign</source>
        <translation>策划活动</translation>
    </message>
    <message>
        <source>Targeting (Qini)</source>
        <translation>精准投放（Qini）</translation>
    </message>
    <message>
        <source>Forecast vs actual</source>
        <translation>预测与实际</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Control group</source>
        <translation>对照组</translation>
    </message>
    <message>
        <source>e.g. Spring coupon for lapsing customers</source>
        <translation>例如：面向流失风险客户的春季优惠券</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>推送</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Ads</source>
        <translation>广告</translation>
    </message>
    <message>
        <source>Customers kept back to measure the effect afterwards</source>
        <translation>留出不触达的客户，用于事后衡量效果</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>%1 (%2 customers)</source>
        <translation>%1（%2 位客户）</translation>
    </message>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Save as planned campaign</source>
        <translation>保存为计划中的活动</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export chart PNG…</source>
        <translation>导出图表 PNG…</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期值</translation>
    </message>
    <message>
        <source>80% / 95% interval</source>
        <translation>80% / 95% 区间</translation>
    </message>
    <message>
        <source>Name of the new audience</source>
        <translation>新受众的名称</translation>
    </message>
    <message>
        <source>Save top of the planned audience</source>
        <translation>保存计划受众中的头部客户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Predicted uplift</source>
        <translation>预测增益</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Treated / control</source>
        <translation>触达组 / 对照组</translation>
    </message>
    <message>
        <source>Forecast incremental sales (80%)</source>
        <translation>预测增量销售额（80%）</translation>
    </message>
    <message>
        <source>Measured (95%)</source>
        <translation>实测（95%）</translation>
    </message>
    <message>
        <source>Consistent?</source>
        <translation>是否一致？</translation>
    </message>
    <message>
        <source>Open a store to plan campaigns.</source>
        <translation>打开一个店铺以策划活动。</translation>
    </message>
    <message>
        <source>Reading campaigns…</source>
        <translation>正在读取活动…</translation>
    </message>
    <message>
        <source>Campaigns: reading the store</source>
        <translation>活动：读取店铺数据</translation>
    </message>
    <message>
        <source>This store has %1 finished campaign(s) with a control group; the planner needs at least %2 to learn how campaigns work here. Run campaigns that keep 5–20% of the audience back as a control group, then plan the next ones here.</source>
        <translation>本店有 %1 个带对照组的已结束活动；规划器至少需要 %2 个才能了解活动在本店的效果。请先运行保留 5–20% 受众作为对照组的活动，再在这里策划后续活动。</translation>
    </message>
    <message>
        <source>Learning from %1 past campaigns…</source>
        <translation>正在从 %1 个历史活动中学习…</translation>
    </message>
    <message>
        <source>Campaigns: fitting the uplift models</source>
        <translation>活动：拟合增益模型</translation>
    </message>
    <message>
        <source>Uplift model: %1, learned from %2 past campaigns with control groups. Plan a campaign below.</source>
        <translation>增益模型：%1，基于 %2 个带对照组的历史活动。请在下方策划活动。</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>no control group: cannot be measured</source>
        <translation>无对照组：无法衡量</translation>
    </message>
    <message>
        <source>Track record: %1 of %2 finished campaigns measured consistently with their forecast at 80% (forecast and measurement uncertainty together; each forecast made only from the campaigns before it).</source>
        <translation>预测记录：%2 个已结束活动中有 %1 个的实测结果与预测在 80% 水平上一致（同时考虑预测与测量的不确定性；每次预测只使用此前的活动）。</translation>
    </message>
    <message>
        <source>Track record: appears once a finished campaign has at least %1 finished campaigns before it.</source>
        <translation>预测记录：当某个已结束活动之前至少有 %1 个已结束活动时显示。</translation>
    </message>
    <message>
        <source>The campaign models are still being fitted; try again in a moment.</source>
        <translation>活动模型仍在拟合，请稍后再试。</translation>
    </message>
    <message>
        <source>The campaign ends before it starts: pick an end date after the start.</source>
        <translation>活动结束时间早于开始时间：请选择晚于开始日期的结束日期。</translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <source>Campaigns: forecasting the plan</source>
        <translation>活动：预测计划</translation>
    </message>
    <message>
        <source>Forecast ready: %1 customers reached.</source>
        <translation>预测完成：将触达 %1 位客户。</translation>
    </message>
    <message>
        <source>Enter a plan and press Forecast.</source>
        <translation>填写计划后点击“预测”。</translation>
    </message>
    <message>
        <source>Clicks</source>
        <translation>点击</translation>
    </message>
    <message>
        <source>Conversions (reached customers)</source>
        <translation>转化（触达客户）</translation>
    </message>
    <message>
        <source>Incremental conversions</source>
        <translation>增量转化</translation>
    </message>
    <message>
        <source>Incremental sales</source>
        <translation>增量销售额</translation>
    </message>
    <message>
        <source>Baseline sales (audience, no campaign)</source>
        <translation>基线销售额（受众，无活动）</translation>
    </message>
    <message>
        <source>Audience / reached</source>
        <translation>受众 / 触达</translation>
    </message>
    <message>
        <source>%1 kept back as control</source>
        <translation>%1 人留作对照组</translation>
    </message>
    <message>
        <source>Return on budget (incremental sales − budget) / budget</source>
        <translation>预算回报（增量销售额 − 预算）/ 预算</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>%1 past campaigns; baseline %2</source>
        <translation>%1 个历史活动；基线 %2</translation>
    </message>
    <message>
        <source>No past campaign used this channel: the forecast borrows from other channels and may be far off.</source>
        <translation>历史活动从未使用此渠道：预测借用其他渠道的数据，可能偏差较大。</translation>
    </message>
    <message>
        <source>This discount is outside what past campaigns offered: the forecast extrapolates.</source>
        <translation>此折扣超出历史活动的范围：预测属于外推。</translation>
    </message>
    <message>
        <source>Past campaigns never ran this long or this short: the forecast extrapolates.</source>
        <translation>历史活动从未持续这么长或这么短：预测属于外推。</translation>
    </message>
    <message>
        <source>This audience is unlike past campaigns&apos; audiences: the forecast extrapolates.</source>
        <translation>此受众与历史活动的受众差异较大：预测属于外推。</translation>
    </message>
    <message>
        <source>No past campaign recorded clicks: no click forecast.</source>
        <translation>历史活动没有点击记录：不预测点击。</translation>
    </message>
    <message>
        <source>Baseline (80% band)</source>
        <translation>基线（80% 区间）</translation>
    </message>
    <message>
        <source>With the campaign</source>
        <translation>有活动时</translation>
    </message>
    <message>
        <source>Daily sales of the audience over the campaign window</source>
        <translation>活动期内受众的每日销售额</translation>
    </message>
    <message>
        <source>Day of the campaign</source>
        <translation>活动第几天</translation>
    </message>
    <message>
        <source>Sales (%1)</source>
        <translation>销售额（%1）</translation>
    </message>
    <message>
        <source>Fitting the uplift model…</source>
        <translation>正在拟合增益模型…</translation>
    </message>
    <message>
        <source>Qini curve of the %1 on &quot;%2&quot;, a finished campaign it did not learn from (Qini coefficient %3; random targeting 0).</source>
        <translation>%1 在“%2”上的 Qini 曲线（该已结束活动未用于训练；Qini 系数 %3；随机投放为 0）。</translation>
    </message>
    <message>
        <source>Uplift model</source>
        <translation>增益模型</translation>
    </message>
    <message>
        <source>Random targeting</source>
        <translation>随机投放</translation>
    </message>
    <message>
        <source>Incremental conversions by share of the audience targeted</source>
        <translation>按投放受众比例的增量转化</translation>
    </message>
    <message>
        <source>Audience targeted (%)</source>
        <translation>投放受众比例（%）</translation>
    </message>
    <message>
        <source>Top %1%: %2 customers contacted, %3 incremental conversions, cost %4, incremental sales %5, net %6 (on &quot;%7&quot;).</source>
        <translation>前 %1%：触达 %2 位客户，增量转化 %3，成本 %4，增量销售额 %5，净收益 %6（基于“%7”）。</translation>
    </message>
    <message>
        <source>Applied to the planned audience: the %1 customers with the highest predicted uplift.</source>
        <translation>应用到计划受众：预测增益最高的 %1 位客户。</translation>
    </message>
    <message>
        <source>Forecast a plan to apply the cut-off to its audience.</source>
        <translation>先预测一个计划，才能把截断点应用到其受众。</translation>
    </message>
    <message>
        <source>Sleeping dogs (negative predicted uplift) appear once a plan is forecast.</source>
        <translation>预测计划后会列出“沉睡的狗”（预测增益为负的客户）。</translation>
    </message>
    <message>
        <source>Sleeping dogs: %1 customers of the planned audience are predicted to buy less when contacted; leave them out.</source>
        <translation>沉睡的狗：计划受众中有 %1 位客户被触达后预计会少买，请排除他们。</translation>
    </message>
    <message>
        <source> pp</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>Forecast vs actual appears once finished campaigns can be forecast from earlier ones.</source>
        <translation>当已结束的活动可以用更早的活动来预测时，会显示预测与实际的对比。</translation>
    </message>
    <message>
        <source>Measured with the control group (95%)</source>
        <translation>对照组实测（95%）</translation>
    </message>
    <message>
        <source>Forecast vs actual, finished campaigns in date order</source>
        <translation>预测与实际：按日期排列的已结束活动</translation>
    </message>
    <message>
        <source>Campaign (see the list above)</source>
        <translation>活动（见上方列表）</translation>
    </message>
    <message>
        <source>Forecast the plan first: the plan is saved with its forecast.</source>
        <translation>请先预测：计划会与其预测一起保存。</translation>
    </message>
    <message>
        <source>Give the campaign a name first.</source>
        <translation>请先为活动命名。</translation>
    </message>
    <message>
        <source>Saved as a planned campaign.</source>
        <translation>已保存为计划中的活动。</translation>
    </message>
    <message>
        <source>Give the new audience a name first.</source>
        <translation>请先为新受众命名。</translation>
    </message>
    <message>
        <source>No customer of the planned audience has a positive predicted uplift in this cut-off.</source>
        <translation>在此截断点内，计划受众中没有预测增益为正的客户。</translation>
    </message>
    <message>
        <source>Saved %1 customers as a new audience (also a segment for Overview).</source>
        <translation>已将 %1 位客户保存为新受众（也可作为总览中的客户分群）。</translation>
    </message>
    <message>
        <source>Nothing to export yet: forecast a plan first.</source>
        <translation>暂无可导出的内容：请先预测一个计划。</translation>
    </message>
    <message>
        <source>Export forecast as CSV</source>
        <translation>导出预测为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>This chart is empty: nothing to export.</source>
        <translation>此图表为空：无可导出内容。</translation>
    </message>
    <message>
        <source>Export chart as PNG</source>
        <translation>导出图表为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>The store&apos;s orders end on %1: the forecast starts from there. Sync the shop for a current baseline.</source>
        <translation>店铺订单数据截至 %1：预测从该日开始。请同步店铺以获得最新基线。</translation>
    </message>
    <message>
        <source>Past campaigns&apos; control groups bought nothing in their windows: the sales effect cannot be estimated.</source>
        <translation>历史活动的对照组在活动期内没有购买：无法估计销售额效果。</translation>
    </message>
    <message>
        <source>baseline only</source>
        <translation>仅基线</translation>
    </message>
    <message>
        <source>Incremental effects need %1 finished campaigns with a control group; baseline %2</source>
        <translation>增量效果需要 %1 个带对照组的已结束活动；基线 %2</translation>
    </message>
    <message>
        <source>The track record could not be kept: %1</source>
        <translation>无法保存预测记录：%1</translation>
    </message>
    <message>
        <source> · as planned</source>
        <translation> · 策划时的预测</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ChangesModel</name>
    <message>
        <source>pending</source>
        <translation>待推送</translation>
    </message>
    <message>
        <source>pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Old price</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>新价</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>采纳时间</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ChartView</name>
    <message>
        <source>Export chart as PNG</source>
        <translation>导出图表为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export this chart as a PNG image</source>
        <translation>将此图表导出为 PNG 图片</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::CommandPalette</name>
    <message>
        <source>Type a command…</source>
        <translation>输入命令…</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ConnectionDialog</name>
    <message>
        <source>Shop connection</source>
        <translation>店铺连接</translation>
    </message>
    <message>
        <source>Reading the stored secret…</source>
        <translation>正在读取已保存的密钥…</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Send the key in the query string (for servers that drop the Authorization header)</source>
        <translation>在查询字符串中发送密钥（适用于会丢弃 Authorization 头的服务器）</translation>
    </message>
    <message>
        <source>System certificates</source>
        <translation>系统证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Store &amp;URL:</source>
        <translation>店铺网址(&amp;U)：</translation>
    </message>
    <message>
        <source>Consumer &amp;key:</source>
        <translation>Consumer Key(&amp;K)：</translation>
    </message>
    <message>
        <source>Consumer &amp;secret:</source>
        <translation>Consumer Secret(&amp;S)：</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>同步间隔(&amp;E)：</translation>
    </message>
    <message>
        <source>CA certificate:</source>
        <translation>CA 证书：</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>立即同步(&amp;N)</translation>
    </message>
    <message>
        <source>Cancel sync</source>
        <translation>取消同步</translation>
    </message>
    <message>
        <source>&amp;Quarantined records…</source>
        <translation>隔离记录(&amp;Q)…</translation>
    </message>
    <message>
        <source>The store URL must start with https:// (http:// only for a shop on this computer)</source>
        <translation>店铺网址必须以 https:// 开头（仅本机上的店铺可用 http://）</translation>
    </message>
    <message>
        <source>Open a store first</source>
        <translation>请先打开店铺</translation>
    </message>
    <message>
        <source>Last sync: never</source>
        <translation>上次同步：从未</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>上次错误：%1</translation>
    </message>
    <message>
        <source>Choose a CA certificate</source>
        <translation>选择 CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Not set: the secret of the webhook in WooCommerce</source>
        <translation>未设置：填写 WooCommerce 中该 Webhook 的密钥</translation>
    </message>
    <message>
        <source>Stored: leave empty to keep it</source>
        <translation>已保存：留空则保持不变</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>&amp;Receive order updates from the shop as they happen</source>
        <translation>实时接收店铺的订单更新(&amp;R)</translation>
    </message>
    <message>
        <source>Add webhooks for order.created and order.updated in WooCommerce (Settings › Advanced › Webhooks) with this delivery URL and the same secret. ShopPilot listens on this computer only (127.0.0.1): a shop on another machine reaches it through a tunnel or reverse proxy.</source>
        <translation>请在 WooCommerce（设置 › 高级 › Webhooks）中为 order.created 和 order.updated 添加 Webhook，填写此投递 URL 和相同的密钥。ShopPilot 只在本机（127.0.0.1）上监听：其他机器上的店铺需要通过隧道或反向代理访问。</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Webhook secret:</source>
        <translation>Webhook 密钥(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Delivery URL:</source>
        <translation>投递 URL(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::CurveTableModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Units/week</source>
        <translation>周销量</translation>
    </message>
    <message>
        <source>Units low (90%)</source>
        <translation>销量下界 (90%)</translation>
    </message>
    <message>
        <source>Units high (90%)</source>
        <translation>销量上界 (90%)</translation>
    </message>
    <message>
        <source>Revenue/week</source>
        <translation>周收入</translation>
    </message>
    <message>
        <source>Profit/week</source>
        <translation>周毛利</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>毛利率 %</translation>
    </message>
    <message>
        <source>Extrapolated</source>
        <translation>外推</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::CustomerListModel</name>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件数</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::DateRangeBar</name>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>All data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Periods count back from the last day with data</source>
        <translation>时间段从有数据的最后一天往前计算</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>粒度</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::FeedbackView</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Units sold</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>售后反馈</translation>
    </message>
    <message>
        <source>Per 100 units</source>
        <translation>每百件</translation>
    </message>
    <message>
        <source>Category per 100</source>
        <translation>品类每百件</translation>
    </message>
    <message>
        <source>Main topic</source>
        <translation>主要问题</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条数</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Whole shop</source>
        <translation>全店</translation>
    </message>
    <message>
        <source>Open in Pricing</source>
        <translation>在定价中打开</translation>
    </message>
    <message>
        <source>Refund patterns in Risk</source>
        <translation>在风控中查看退款模式</translation>
    </message>
    <message>
        <source>No after-sales feedback in this scope.</source>
        <translation>此范围内没有售后反馈。</translation>
    </message>
    <message>
        <source>No conversations about these products.</source>
        <translation>没有关于这些商品的会话。</translation>
    </message>
    <message>
        <source>Grouping refunds and conversations into themes…</source>
        <translation>正在把退款和会话归纳为主题…</translation>
    </message>
    <message>
        <source>Support: after-sales feedback</source>
        <translation>客服：售后反馈</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Orders with feedback (newest first): %1</source>
        <translation>有反馈的订单（最新在前）：%1</translation>
    </message>
    <message>
        <source>Sentiment is the customer&apos;s rating where given, otherwise predicted from the message by a model learned from %1 rated conversations (held out: %2 right, always guessing the most frequent rating: %3).</source>
        <translation>情绪优先取客户的评分；没有评分时，由从 %1 个已评分会话学得的模型根据消息预测（留出集准确率 %2，总猜最常见评分为 %3）。</translation>
    </message>
    <message>
        <source>Sentiment is the customer&apos;s rating where given (too few rated conversations to learn from the text).</source>
        <translation>情绪取客户的评分（已评分会话太少，无法从文本学习）。</translation>
    </message>
    <message>
        <source>No after-sales feedback yet: no returns, refunds or conversations about products in this store.</source>
        <translation>暂无售后反馈：本店没有退货、退款或关于商品的会话。</translation>
    </message>
    <message>
        <source>%1 products have after-sales feedback (returns, refunds with a reason, conversations about their orders), the most beyond their category&apos;s rate first. Select one to see its themes. %2</source>
        <translation>%1 个商品有售后反馈（退货、带原因的退款、关于其订单的会话），超出品类水平最多的排在前面。选择一个查看其主题。%2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Themes: %1 (%2 items)</source>
        <translation>主题：%1（%2 条）</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Feedback items by topic and month</source>
        <translation>按问题类型和月份的反馈条数</translation>
    </message>
    <message>
        <source>negative</source>
        <translation>负面</translation>
    </message>
    <message>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>正面</translation>
    </message>
    <message>
        <source>Conversations by sentiment</source>
        <translation>按情绪的会话数</translation>
    </message>
    <message>
        <source>Items beyond category rate</source>
        <translation>超出品类水平的条数</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::KbEditor</name>
    <message>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>BM25</source>
        <translation>BM25</translation>
    </message>
    <message>
        <source>Matching text</source>
        <translation>匹配文本</translation>
    </message>
    <message>
        <source>Slug</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>New article</source>
        <translation>新文章</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Try a customer&apos;s question: the articles search finds appear below as you type</source>
        <translation>试一个客户问题：输入时下方即显示检索到的文章</translation>
    </message>
    <message>
        <source>e.g. gift-wrap-en</source>
        <translation>例如 gift-wrap-en</translation>
    </message>
    <message>
        <source>Could not read the knowledge base: %1</source>
        <translation>无法读取知识库：%1</translation>
    </message>
    <message>
        <source>A new article: fill it in and save.</source>
        <translation>新文章：填写后保存。</translation>
    </message>
    <message>
        <source>Saved. The search below and the bot use it from now on.</source>
        <translation>已保存。下方的搜索和机器人从现在起都会使用它。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Delete article</source>
        <translation>删除文章</translation>
    </message>
    <message>
        <source>Delete the article “%1”? The bot stops citing it.</source>
        <translation>删除文章“%1”？机器人将不再引用它。</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>已删除。</translation>
    </message>
    <message>
        <source>Not deleted: %1</source>
        <translation>未删除：%1</translation>
    </message>
    <message>
        <source>No article contains these words: write one, or add the customer&apos;s words as tags.</source>
        <translation>没有文章包含这些词：请写一篇，或把客户的说法加为标签。</translation>
    </message>
    <message>
        <source>The bot would answer with “%1” (%2, re-ranked with the intent model).</source>
        <translation>机器人会用“%1”回答（%2，经意图模型重排序）。</translation>
    </message>
    <message>
        <source>Full-text search only: the bot&apos;s re-ranking shows once it has been trained.</source>
        <translation>目前仅为全文检索：机器人训练完成后显示重排序结果。</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::KpiCard</name>
    <message>
        <source>Previous period: %1</source>
        <translation>上一周期：%1</translation>
    </message>
    <message>
        <source>no previous data</source>
        <translation>无上期数据</translation>
    </message>
    <message>
        <source>%1 vs previous period</source>
        <translation>较上期 %1</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::LinkedOrderModel</name>
    <message>
        <source>same device</source>
        <translation>同一设备</translation>
    </message>
    <message>
        <source>same IP</source>
        <translation>同一 IP</translation>
    </message>
    <message>
        <source>same card</source>
        <translation>同一银行卡</translation>
    </message>
    <message>
        <source>same address</source>
        <translation>同一地址</translation>
    </message>
    <message>
        <source>chargeback</source>
        <translation>拒付</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::LogisticsPanel</name>
    <message>
        <source>Export purchase orders</source>
        <translation>导出采购单</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Delivery routes</source>
        <translation>配送路线</translation>
    </message>
    <message>
        <source>Stock and reorder</source>
        <translation>库存与补货</translation>
    </message>
    <message>
        <source>Day:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Time budget:</source>
        <translation>求解时限：</translation>
    </message>
    <message>
        <source>Solve</source>
        <translation>求解</translation>
    </message>
    <message>
        <source>Plan the day&apos;s routes (locked routes stay as they are)</source>
        <translation>规划当天路线（已锁定的路线保持不变）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the search and keep the best plan found so far</source>
        <translation>停止搜索并保留目前找到的最佳方案</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Insert new orders</source>
        <translation>插入新订单</translation>
    </message>
    <message>
        <source>Re-read the day&apos;s shipments and insert the new ones where they fit, without re-ordering the plan</source>
        <translation>重新读取当天的发货单，把新的插入到合适位置，不打乱已有顺序</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Stops</source>
        <translation>站点数</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>装载</translation>
    </message>
    <message>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Out – back</source>
        <translation>出发 – 返回</translation>
    </message>
    <message>
        <source>Late (min)</source>
        <translation>迟到（分钟）</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>时间窗</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因说明</translation>
    </message>
    <message>
        <source>Not delivered, and why</source>
        <translation>未配送的站点及原因</translation>
    </message>
    <message>
        <source>Service level: %1</source>
        <translation>服务水平：%1</translation>
    </message>
    <message>
        <source>Export purchase orders…</source>
        <translation>导出采购单…</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Forecast / week</source>
        <translation>周预测</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>现有库存</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>补货周期（天）</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>Stock-out risk</source>
        <translation>缺货风险</translation>
    </message>
    <message>
        <source>Order value</source>
        <translation>订货金额</translation>
    </message>
    <message>
        <source>Select a SKU to see its weekly demand and forecast.</source>
        <translation>选择一个 SKU 查看其周需求与预测。</translation>
    </message>
    <message>
        <source>Open a store to plan its deliveries and stock.</source>
        <translation>打开店铺以规划配送和库存。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 stops, %4 units</source>
        <translation>%1 · %2 · %3 个站点，%4 件</translation>
    </message>
    <message>
        <source>No open shipments with an address to plan: deliveries appear here once orders have shipments with coordinates (an orders-only import such as Online Retail has none). The stock tab works from the order history.</source>
        <translation>没有可规划的待配送发货单：订单有带坐标的发货单后才会显示在这里（Online Retail 这类只有订单的导入没有）。库存页基于订单历史，可以正常使用。</translation>
    </message>
    <message>
        <source>Could not read the deliveries: %1</source>
        <translation>无法读取配送数据：%1</translation>
    </message>
    <message>
        <source>Could not load the day: %1</source>
        <translation>无法载入该日：%1</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>time window</source>
        <translation>时间窗</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>fleet</source>
        <translation>车队不足</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>%1: %2 stops, %3 vehicles, not planned yet: press Solve.</source>
        <translation>%1：%2 个站点，%3 辆车，尚未规划：请点击“求解”。</translation>
    </message>
    <message>
        <source>%1 of %2 stops on %3 routes · %4 km · %5 route hours · %6 min late · %7. Drag a stop onto another route&apos;s line to move it.</source>
        <translation>%2 个站点中 %1 个已排入 %3 条路线 · %4 公里 · 路线共 %5 小时 · 迟到 %6 分钟 · %7。把站点拖到另一条路线上即可移动。</translation>
    </message>
    <message>
        <source>every route feasible</source>
        <translation>所有路线均可行</translation>
    </message>
    <message>
        <source>some routes infeasible (red)</source>
        <translation>部分路线不可行（红色）</translation>
    </message>
    <message>
        <source>Logistics: planning %1</source>
        <translation>物流：正在规划 %1</translation>
    </message>
    <message>
        <source>Stopped: the best plan found so far is shown.</source>
        <translation>已停止：显示目前找到的最佳方案。</translation>
    </message>
    <message>
        <source>Planned in %1 s.</source>
        <translation>规划用时 %1 秒。</translation>
    </message>
    <message>
        <source>Planning failed: %1</source>
        <translation>规划失败：%1</translation>
    </message>
    <message>
        <source>%1 · feasible</source>
        <translation>%1 · 可行</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>off the plan</source>
        <translation>移出方案</translation>
    </message>
    <message>
        <source>Moved %1 to %2: %3, feasible.</source>
        <translation>已把 %1 移到 %2：%3，可行。</translation>
    </message>
    <message>
        <source>Moved %1 to %2: %3, not feasible: %4. Undo to take it back.</source>
        <translation>已把 %1 移到 %2：%3，不可行：%4。可撤销。</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Re-read the day (%1 new shipments); new orders were inserted where they fit.</source>
        <translation>已重新读取该日（新增 %1 个发货单）；新订单已插入合适的位置。</translation>
    </message>
    <message>
        <source>Could not re-read the day: %1</source>
        <translation>无法重新读取该日：%1</translation>
    </message>
    <message>
        <source>Plan saved: the shipments carry their route and stop order.</source>
        <translation>方案已保存：发货单已记录所属路线和站点顺序。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Logistics: forecasting demand per SKU</source>
        <translation>物流：正在逐个 SKU 预测需求</translation>
    </message>
    <message>
        <source>No stock plan: %1</source>
        <translation>无法生成库存计划：%1</translation>
    </message>
    <message>
        <source>%1 SKUs with sales over %2 weeks; %3 to reorder now (%4 %5 at unit cost).</source>
        <translation>%2 周内有销售的 SKU %1 个；现在需补货 %3 个（按单位成本计 %4 %5）。</translation>
    </message>
    <message>
        <source>Most SKUs show no stock on hand (an orders-only import records none): the orders suggested assume nothing is in stock.</source>
        <translation>多数 SKU 没有库存记录（只有订单的导入不含库存）：建议订货量按零库存计算。</translation>
    </message>
    <message>
        <source> (sparse)</source>
        <translation>（稀疏）</translation>
    </message>
    <message>
        <source>not tracked</source>
        <translation>未跟踪</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>Units sold per week</source>
        <translation>每周销量</translation>
    </message>
    <message>
        <source>Forecast (%1)</source>
        <translation>预测（%1）</translation>
    </message>
    <message>
        <source>%1 · %2 — on hand %3, reorder point %4, order %5</source>
        <translation>%1 · %2 — 现有 %3，再订货点 %4，建议订货 %5</translation>
    </message>
    <message>
        <source>Weeks (0 = the last full week)</source>
        <translation>周（0 = 最近一个完整周）</translation>
    </message>
    <message>
        <source>Units per week</source>
        <translation>每周件数</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Purchase orders written to %1.</source>
        <translation>采购单已写入 %1。</translation>
    </message>
    <message>
        <source>Delivery days with open shipments, busiest first: %1.</source>
        <translation>有待配送发货单的日期，最忙的在前：%1 个。</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::MainWindow</name>
    <message>
        <source>ShopPilot</source>
        <translation>ShopPilot 电商驾驶舱</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to ShopPilot&lt;/h2&gt;&lt;p&gt;Open a store file to see your shop&apos;s data. To try ShopPilot, create the demo store with &lt;tt&gt;shoppilot demo-data --db demo.db&lt;/tt&gt;, or import your own sales with &lt;tt&gt;shoppilot import online-retail FILE.csv --db shop.db&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;欢迎使用 ShopPilot&lt;/h2&gt;&lt;p&gt;打开一个店铺数据文件即可查看店铺数据。想先试用，可用 &lt;tt&gt;shoppilot demo-data --db demo.db&lt;/tt&gt; 生成演示店铺，或用 &lt;tt&gt;shoppilot import online-retail FILE.csv --db shop.db&lt;/tt&gt; 导入自己的销售数据。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a store…</source>
        <translation>打开店铺…</translation>
    </message>
    <message>
        <source>No store open</source>
        <translation>未打开店铺</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>打开店铺(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About ShopPilot</source>
        <translation>关于 ShopPilot(&amp;A)</translation>
    </message>
    <message>
        <source>About ShopPilot</source>
        <translation>关于 ShopPilot</translation>
    </message>
    <message>
        <source>&lt;b&gt;ShopPilot %1&lt;/b&gt;&lt;p&gt;The operations cockpit for e-commerce teams: KPIs, pricing, recommendations, segments, support, risk, campaigns and logistics, working offline on a local copy of your shop.&lt;/p&gt;</source>
        <translation>&lt;b&gt;ShopPilot %1&lt;/b&gt;&lt;p&gt;电商团队的智能运营驾驶舱：经营指标、定价、推荐、用户分群、客服、风控、营销活动与物流，基于店铺数据的本地副本离线工作。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Open a ShopPilot store</source>
        <translation>打开 ShopPilot 店铺</translation>
    </message>
    <message>
        <source>ShopPilot stores (*.db *.sqlite);;All files (*)</source>
        <translation>ShopPilot 店铺文件 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>店铺：%1</translation>
    </message>
    <message>
        <source>Cannot open the store</source>
        <translation>无法打开店铺</translation>
    </message>
    <message>
        <source>ShopPilot could not open %1.</source>
        <translation>ShopPilot 无法打开 %1。</translation>
    </message>
    <message>
        <source>%1 — ShopPilot</source>
        <translation>%1 — ShopPilot</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Source: %1 · Currency: %2 · Schema version %3</source>
        <translation>来源：%1 · 币种：%2 · 数据结构版本 %3</translation>
    </message>
    <message>
        <source>Orders from %1 to %2</source>
        <translation>订单时间 %1 至 %2</translation>
    </message>
    <message>
        <source>Store &amp;information…</source>
        <translation>店铺信息(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>Go to %1</source>
        <translation>前往%1</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the running job</source>
        <translation>停止正在运行的任务</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <source>Store information</source>
        <translation>店铺信息</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Could not complete a store operation: %1</source>
        <translation>店铺数据操作未能完成：%1</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出现问题：%1</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>ShopPilot could not finish what you asked for and kept running; your data is as it was before.</source>
        <translation>ShopPilot 未能完成您的请求，但仍在正常运行；您的数据保持原样。</translation>
    </message>
    <message>
        <source>%1

Details are in %2.</source>
        <translation>%1

详细信息见 %2。</translation>
    </message>
    <message>
        <source>The model card of this panel&apos;s model and its metrics on this store</source>
        <translation>此面板所用模型的说明卡及其在本店的指标</translation>
    </message>
    <message>
        <source>This panel has no trained model</source>
        <translation>此面板没有训练的模型</translation>
    </message>
    <message>
        <source>About this &amp;model…</source>
        <translation>关于此模型(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ModelCardDialog</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 values</source>
        <translation>%1 个数值</translation>
    </message>
    <message>
        <source>About this model</source>
        <translation>关于此模型</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trained on this store&lt;/b&gt;</source>
        <translation>&lt;b&gt;在本店训练的版本&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>This panel shows figures computed from the store&apos;s data directly: no trained model is behind it. Open Recommendations, Pricing, Segments, Support, Risk, Campaigns or Logistics to read the card of its model.</source>
        <translation>此面板的数字直接由店铺数据计算，背后没有训练的模型。打开“推荐”“定价”“客户分群”“客服”“风控”“营销活动”或“物流”面板，可查看其模型的说明卡。</translation>
    </message>
    <message>
        <source>No model.</source>
        <translation>没有模型。</translation>
    </message>
    <message>
        <source>This model is fitted by its panel each time the panel computes and is not kept in the store&apos;s model registry, so there are no stored metrics. Its evaluation on this store: &lt;tt&gt;%1&lt;/tt&gt;</source>
        <translation>此模型在面板每次计算时由面板拟合，不保存在店铺的模型登记表中，因此没有已保存的指标。在本店上的评估命令：&lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>没有打开的店铺。</translation>
    </message>
    <message>
        <source>Loading the model trained on this store…</source>
        <translation>正在读取在本店训练的模型…</translation>
    </message>
    <message>
        <source>The store&apos;s model registry could not be read: %1</source>
        <translation>无法读取店铺的模型登记表：%1</translation>
    </message>
    <message>
        <source>No model has been trained on this store yet. Train it with &lt;b&gt;%1&lt;/b&gt; in the panel, or with the command &lt;tt&gt;%2&lt;/tt&gt;.</source>
        <translation>本店尚未训练此模型。可在面板中点击 &lt;b&gt;%1&lt;/b&gt; 训练，或使用命令 &lt;tt&gt;%2&lt;/tt&gt;。</translation>
    </message>
    <message>
        <source>&lt;tt&gt;%1&lt;/tt&gt; version %2, trained %3. Retrain: &lt;tt&gt;%4&lt;/tt&gt;; evaluate: &lt;tt&gt;%5&lt;/tt&gt;</source>
        <translation>&lt;tt&gt;%1&lt;/tt&gt; 第 %2 版，训练于 %3。重新训练：&lt;tt&gt;%4&lt;/tt&gt;；评估：&lt;tt&gt;%5&lt;/tt&gt;</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ModelComparisonModel</name>
    <message>
        <source>Popularity</source>
        <translation>热门度</translation>
    </message>
    <message>
        <source>Co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>BPR-MF</source>
        <translation>BPR 矩阵分解</translation>
    </message>
    <message>
        <source>SASRec</source>
        <translation>SASRec</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Training (s)</source>
        <translation>训练（秒）</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <source>The model customers get: best validation NDCG@10, then refit on all events</source>
        <translation>客户实际获得的模型：验证集 NDCG@10 最佳，随后用全部事件重新训练</translation>
    </message>
    <message>
        <source>%1 (served)</source>
        <translation>%1（在用）</translation>
    </message>
    <message>
        <source>Each customer&apos;s second-to-last event, ranked among all products they had not seen: the figure the served model is chosen on</source>
        <translation>每位客户的倒数第二个事件，在其未接触过的全部商品中排序：在用模型据此选出</translation>
    </message>
    <message>
        <source>Test: each customer&apos;s last event, ranked among all products they had not seen; reported, never used to choose</source>
        <translation>测试：每位客户的最后一个事件，在其未接触过的全部商品中排序；只作报告，从不用于选择</translation>
    </message>
    <message>
        <source>Test: the last event&apos;s product ranked among 99 random products the customer never touched</source>
        <translation>测试：最后一个事件的商品与 99 个客户从未接触过的随机商品一起排序</translation>
    </message>
    <message>
        <source>Validation NDCG@10</source>
        <translation>验证集 NDCG@10</translation>
    </message>
    <message>
        <source>Test HR@10</source>
        <translation>测试集 HR@10</translation>
    </message>
    <message>
        <source>Test NDCG@10</source>
        <translation>测试集 NDCG@10</translation>
    </message>
    <message>
        <source>Test MRR</source>
        <translation>测试集 MRR</translation>
    </message>
    <message>
        <source>Test HR@10 (1+99)</source>
        <translation>测试集 HR@10（1+99）</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::OverviewPanel</name>
    <message>
        <source>Week of %1</source>
        <translation>%1 当周</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Overview&lt;/h3&gt;&lt;p&gt;Open a store to see its KPIs: GMV, orders, conversion, repeat purchases and refunds, with trends and breakdowns.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;经营概览&lt;/h3&gt;&lt;p&gt;打开一个店铺即可查看其关键指标：成交额、订单、转化率、复购和退款，以及趋势和分布。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新 (F5)</translation>
    </message>
    <message>
        <source>PDF report…</source>
        <translation>PDF 报告…</translation>
    </message>
    <message>
        <source>Save a PDF report with these figures and filters</source>
        <translation>将当前数据和筛选条件保存为 PDF 报告</translation>
    </message>
    <message>
        <source>All data</source>
        <translation>全部数据</translation>
    </message>
    <message>
        <source>Drill-down path: click a step to go back</source>
        <translation>下钻路径：点击某一级可返回</translation>
    </message>
    <message>
        <source>Breakdown by</source>
        <translation>分布维度</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file</source>
        <translation>将此表格保存为 CSV 文件</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交额 (GMV)</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>Repeat-purchase rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Refund rate</source>
        <translation>退款率</translation>
    </message>
    <message>
        <source>Gross merchandise value: the total of the orders placed (cancelled and failed orders excluded)</source>
        <translation>成交总额：所下订单的金额合计（不含已取消和失败的订单）</translation>
    </message>
    <message>
        <source>Orders placed in the period</source>
        <translation>本期所下订单数</translation>
    </message>
    <message>
        <source>GMV divided by orders</source>
        <translation>成交额除以订单数</translation>
    </message>
    <message>
        <source>Sessions with a purchase divided by sessions</source>
        <translation>有购买的会话数除以会话总数</translation>
    </message>
    <message>
        <source>Customers with two or more orders in the period, of all customers who ordered</source>
        <translation>本期下单两次及以上的顾客占全部下单顾客的比例</translation>
    </message>
    <message>
        <source>Orders with a refund, chargeback or return, of all orders</source>
        <translation>发生退款、拒付或退货的订单占全部订单的比例</translation>
    </message>
    <message>
        <source>No orders in this period</source>
        <translation>此期间没有订单</translation>
    </message>
    <message>
        <source>Reading the store&apos;s dates</source>
        <translation>正在读取店铺的日期范围</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>This store has no orders or traffic yet: import sales or sync the shop first.</source>
        <translation>此店铺还没有订单或流量数据：请先导入销售数据或同步店铺。</translation>
    </message>
    <message>
        <source>Updating the overview</source>
        <translation>正在更新经营概览</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <source>Update cancelled: showing the previous figures.</source>
        <translation>更新已取消：显示的是之前的数据。</translation>
    </message>
    <message>
        <source>Update cancelled.</source>
        <translation>更新已取消。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>no traffic data</source>
        <translation>无流量数据</translation>
    </message>
    <message>
        <source>This store records no sessions (e.g. imported sales), so there is no conversion rate.</source>
        <translation>此店铺没有会话记录（例如导入的销售数据），因此没有转化率。</translation>
    </message>
    <message>
        <source>GMV (%1)</source>
        <translation>成交额 (%1)</translation>
    </message>
    <message>
        <source>GMV and orders by day</source>
        <translation>每日成交额与订单数</translation>
    </message>
    <message>
        <source>GMV and orders by week</source>
        <translation>每周成交额与订单数</translation>
    </message>
    <message>
        <source>GMV and orders by month</source>
        <translation>每月成交额与订单数</translation>
    </message>
    <message>
        <source>GMV by category</source>
        <translation>各品类成交额</translation>
    </message>
    <message>
        <source>GMV by country</source>
        <translation>各国家/地区成交额</translation>
    </message>
    <message>
        <source>GMV by channel</source>
        <translation>各渠道成交额</translation>
    </message>
    <message>
        <source>Click a bar to drill down</source>
        <translation>点击柱条可下钻</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>期间：%1 – %2</translation>
    </message>
    <message>
        <source>Compared with: %1 – %2</source>
        <translation>对比期间：%1 – %2</translation>
    </message>
    <message>
        <source>Granularity: %1</source>
        <translation>粒度：%1</translation>
    </message>
    <message>
        <source>Drill-down: none (all data)</source>
        <translation>下钻：无（全部数据）</translation>
    </message>
    <message>
        <source>Drill-down: %1</source>
        <translation>下钻：%1</translation>
    </message>
    <message>
        <source>Currency: %1</source>
        <translation>币种：%1</translation>
    </message>
    <message>
        <source>ShopPilot overview report</source>
        <translation>ShopPilot 经营概览报告</translation>
    </message>
    <message>
        <source>Store: %1 · created %2</source>
        <translation>店铺：%1 · 生成于 %2</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>previous: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>Breakdown by %1</source>
        <translation>按%1分布</translation>
    </message>
    <message>
        <source>There are no figures to export yet.</source>
        <translation>还没有可导出的数据。</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>导出表格为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save PDF report</source>
        <translation>保存 PDF 报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>客户分群</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>Show the KPIs of a saved segment&apos;s customers only (segments are built in the Segments panel); guest orders and anonymous visits are then left out</source>
        <translation>只看某个已保存分群的客户的指标（分群在“客户分群”面板中创建）；此时不计游客订单和匿名访问</translation>
    </message>
    <message>
        <source>%1 (%2 customers)</source>
        <translation>%1（%2 位客户）</translation>
    </message>
    <message>
        <source>Saved segments could not be read: %1</source>
        <translation>无法读取已保存的分群：%1</translation>
    </message>
    <message>
        <source>Refunds arrive a median of %1 days after the order, 90% within %2 days (measured on %3 refunded orders of this store). Orders since %4 are still maturing: about %5 of this period&apos;s refunds have likely arrived, so its rate will still rise.</source>
        <translation>退款通常在下单后 %1 天（中位数）到达，90% 在 %2 天内到达（基于本店 %3 笔退款订单测得）。%4 以来的订单仍在成熟期：本期退款大约只有 %5 已经到达，因此退款率还会上升。</translation>
    </message>
    <message>
        <source>At this store&apos;s usual delays it would end near %1.</source>
        <translation>按本店通常的延迟，最终约为 %1。</translation>
    </message>
    <message>
        <source>still maturing: ~%1 of refunds in</source>
        <translation>仍在成熟期：约 %1 的退款已到达</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::PredictionModel</name>
    <message>
        <source>not enough history (fewer than %1 purchase days)</source>
        <translation>不足以预测（购买天数少于 %1 天）</translation>
    </message>
    <message>
        <source>not enough orders</source>
        <translation>订单不足</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Purchase days</source>
        <translation>购买天数</translation>
    </message>
    <message>
        <source>Purchases in %1 days</source>
        <translation>%1 天内购买次数</translation>
    </message>
    <message>
        <source>Spend in %1 days</source>
        <translation>%1 天内消费</translation>
    </message>
    <message>
        <source>P(alive)</source>
        <translation>P(存活)</translation>
    </message>
    <message>
        <source>Churn probability</source>
        <translation>流失概率</translation>
    </message>
    <message>
        <source>Next category (top 3)</source>
        <translation>下一品类（前 3）</translation>
    </message>
    <message>
        <source>too little history</source>
        <translation>历史太少</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::PricingPanel</name>
    <message>
        <source>Export curves as CSV</source>
        <translation>导出曲线为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Price change for %1 recorded as pending: push it or export it from the batch tab.</source>
        <translation>%1 的调价已记为待推送：可在批量页推送或导出。</translation>
    </message>
    <message>
        <source>Accept price</source>
        <translation>采纳价格</translation>
    </message>
    <message>
        <source>Confirm large price changes</source>
        <translation>确认大幅调价</translation>
    </message>
    <message>
        <source>Export price list</source>
        <translation>导出价格表</translation>
    </message>
    <message>
        <source>Refit demand model</source>
        <translation>重新拟合需求模型</translation>
    </message>
    <message>
        <source>Fit the demand model</source>
        <translation>拟合需求模型</translation>
    </message>
    <message>
        <source>Search SKU or title…</source>
        <translation>搜索 SKU 或名称…</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <source>With an elasticity</source>
        <translation>有弹性估计</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>有数据提示</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category batch</source>
        <translation>品类批量</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Elasticity</source>
        <translation>价格弹性</translation>
    </message>
    <message>
        <source>Strategy and rules</source>
        <translation>策略与规则</translation>
    </message>
    <message>
        <source>Recommended price</source>
        <translation>建议价格</translation>
    </message>
    <message>
        <source>Units / week (90%)</source>
        <translation>周销量（90% 区间）</translation>
    </message>
    <message>
        <source>Revenue / week</source>
        <translation>周收入</translation>
    </message>
    <message>
        <source>Gross profit / week</source>
        <translation>周毛利</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Confirm changes above</source>
        <translation>超过此幅度需确认</translation>
    </message>
    <message>
        <source>Cost-plus</source>
        <translation>成本加成</translation>
    </message>
    <message>
        <source>Competitor-based</source>
        <translation>竞品定价</translation>
    </message>
    <message>
        <source>Elasticity-optimal</source>
        <translation>弹性最优</translation>
    </message>
    <message>
        <source>Max profit</source>
        <translation>利润最大</translation>
    </message>
    <message>
        <source>Max revenue</source>
        <translation>收入最大</translation>
    </message>
    <message>
        <source>Blend</source>
        <translation>加权兼顾</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>持平</translation>
    </message>
    <message>
        <source>Undercut by x%</source>
        <translation>低于竞品 x%</translation>
    </message>
    <message>
        <source>Stay in band</source>
        <translation>保持在价格带内</translation>
    </message>
    <message>
        <source>Any cents</source>
        <translation>任意分位</translation>
    </message>
    <message>
        <source>.99</source>
        <translation>.99</translation>
    </message>
    <message>
        <source>.90</source>
        <translation>.90</translation>
    </message>
    <message>
        <source>Whole</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Objective</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Profit weight</source>
        <translation>利润权重</translation>
    </message>
    <message>
        <source>Markup</source>
        <translation>加成</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>竞品</translation>
    </message>
    <message>
        <source>Undercut</source>
        <translation>低于竞品</translation>
    </message>
    <message>
        <source>Min margin</source>
        <translation>最低毛利率</translation>
    </message>
    <message>
        <source>Max change</source>
        <translation>最大调幅</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Competitor band</source>
        <translation>竞品价格带</translation>
    </message>
    <message>
        <source>Price ending</source>
        <translation>价格尾数</translation>
    </message>
    <message>
        <source>Ladders</source>
        <translation>价格阶梯</translation>
    </message>
    <message>
        <source>keep in rank order</source>
        <translation>按规格顺序</translation>
    </message>
    <message>
        <source>keep sizes/variants in order</source>
        <translation>保持规格/款式价格有序</translation>
    </message>
    <message>
        <source>Set the slider to it</source>
        <translation>将滑块设为此价</translation>
    </message>
    <message>
        <source>Accept the slider&apos;s price</source>
        <translation>采纳滑块价格</translation>
    </message>
    <message>
        <source>Optimise category</source>
        <translation>优化整个品类</translation>
    </message>
    <message>
        <source>Tick all changes</source>
        <translation>勾选全部调价</translation>
    </message>
    <message>
        <source>Accept ticked</source>
        <translation>采纳已勾选</translation>
    </message>
    <message>
        <source>Undo selected</source>
        <translation>撤销所选</translation>
    </message>
    <message>
        <source>Push to shop</source>
        <translation>推送到店铺</translation>
    </message>
    <message>
        <source>Export CSV price list</source>
        <translation>导出 CSV 价格表</translation>
    </message>
    <message>
        <source>Export curves CSV</source>
        <translation>导出曲线 CSV</translation>
    </message>
    <message>
        <source>Scenario name</source>
        <translation>方案名称</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存方案</translation>
    </message>
    <message>
        <source>A scenario keeps the strategy, the rules and the slider&apos;s price. Saved scenarios are compared side by side for the selected product.</source>
        <translation>方案保存策略、规则和滑块价格。已保存的方案会针对所选商品并排比较。</translation>
    </message>
    <message>
        <source>Open a store to price its products.</source>
        <translation>打开店铺后即可为商品定价。</translation>
    </message>
    <message>
        <source>Loading the demand model</source>
        <translation>正在加载需求模型</translation>
    </message>
    <message>
        <source>Loading the demand model…</source>
        <translation>正在加载需求模型…</translation>
    </message>
    <message>
        <source>Fitting the demand model</source>
        <translation>正在拟合需求模型</translation>
    </message>
    <message>
        <source>Fitting the demand model in the background (you can cancel it in the status bar)…</source>
        <translation>正在后台拟合需求模型（可在状态栏取消）…</translation>
    </message>
    <message>
        <source>Refit cancelled: the previous model stays.</source>
        <translation>已取消重新拟合：保留原模型。</translation>
    </message>
    <message>
        <source>Fit cancelled.</source>
        <translation>已取消拟合。</translation>
    </message>
    <message>
        <source>The demand model could not be loaded: %1</source>
        <translation>无法加载需求模型：%1</translation>
    </message>
    <message>
        <source>This store has no demand model yet. Fitting it reads every product&apos;s weekly sales, prices, promotions and competitor prices (about a minute on a large store) and keeps the result, so the panel opens instantly next time.</source>
        <translation>此店铺还没有需求模型。拟合会读取每个商品的周销量、价格、促销和竞品价格（大店铺约需一分钟），并保存结果，下次打开面板即刻可用。</translation>
    </message>
    <message>
        <source>Demand model of %1: %2 products, %3 with an elasticity of their own, %4 weeks of data.</source>
        <translation>需求模型（%1）：%2 个商品，其中 %3 个有自身弹性估计，数据共 %4 周。</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部品类</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Category %1</source>
        <translation>品类 %1</translation>
    </message>
    <message>
        <source>Pick a product on the left.</source>
        <translation>请在左侧选择商品。</translation>
    </message>
    <message>
        <source>90% interval %1 to %2
own data alone %3 ± %4; category prior %5 (weight %6%)
%7 weeks, %8 distinct prices, observed %9–%10</source>
        <translation>90% 区间 %1 至 %2
仅自身数据 %3 ± %4；品类先验 %5（权重 %6%）
%7 周，%8 个不同价格，观测区间 %9–%10</translation>
    </message>
    <message>
        <source>No elasticity of its own: %1 weeks, %2 distinct prices (observed %3–%4). The curves use the category prior %5 with its full spread.</source>
        <translation>无自身弹性估计：%1 周，%2 个不同价格（观测区间 %3–%4）。曲线使用品类先验 %5 及其完整离散度。</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>数据：%1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>销量</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Gross profit</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Price (%1)</source>
        <translation>价格（%1）</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>units / week</source>
        <translation>件/周</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>No unit cost in the store: profit and margin cannot be computed.</source>
        <translation>店铺中没有单位成本：无法计算毛利和毛利率。</translation>
    </message>
    <message>
        <source>no cost</source>
        <translation>无成本</translation>
    </message>
    <message>
        <source>Outside the observed prices %1–%2: the curve is extrapolated.</source>
        <translation>超出已观测价格 %1–%2：曲线为外推。</translation>
    </message>
    <message>
        <source>Curves use the category prior: this product has no elasticity of its own.</source>
        <translation>曲线使用品类先验：该商品没有自身弹性估计。</translation>
    </message>
    <message>
        <source>%1 target: %2.</source>
        <translation>%1 目标价：%2。</translation>
    </message>
    <message>
        <source>%1: demand is inelastic here (elasticity above −1), so profit keeps rising with price; the rules set the limit.</source>
        <translation>%1：此处需求缺乏弹性（弹性高于 −1），利润随价格上升，由规则设定上限。</translation>
    </message>
    <message>
        <source>No rule binds.</source>
        <translation>没有规则起约束作用。</translation>
    </message>
    <message>
        <source>The minimum margin holds it at %1 or more.</source>
        <translation>最低毛利率要求价格不低于 %1。</translation>
    </message>
    <message>
        <source>The maximum change per step keeps it within %1–%2.</source>
        <translation>单次最大调幅将价格限制在 %1–%2。</translation>
    </message>
    <message>
        <source>The floor %1 binds.</source>
        <translation>下限 %1 起约束作用。</translation>
    </message>
    <message>
        <source>The ceiling %1 binds.</source>
        <translation>上限 %1 起约束作用。</translation>
    </message>
    <message>
        <source>The competitor band %1–%2 binds.</source>
        <translation>竞品价格带 %1–%2 起约束作用。</translation>
    </message>
    <message>
        <source>The size/variant ladder binds: it must stay between its smaller and larger siblings.</source>
        <translation>规格/款式价格阶梯起约束作用：价格须介于较小与较大规格之间。</translation>
    </message>
    <message>
        <source>Kept within %1–%2, near the prices actually observed: further out the curve is a guess.</source>
        <translation>保持在 %1–%2，接近实际观测过的价格：更远处的曲线只是推测。</translation>
    </message>
    <message>
        <source>The price ending binds.</source>
        <translation>价格尾数起约束作用。</translation>
    </message>
    <message>
        <source>No elasticity of its own (%1): the price is kept.</source>
        <translation>没有自身弹性估计（%1）：保持原价。</translation>
    </message>
    <message>
        <source>No unit cost in the store: the price is kept.</source>
        <translation>店铺中没有单位成本：保持原价。</translation>
    </message>
    <message>
        <source>No competitor price known: the price is kept.</source>
        <translation>没有竞品价格：保持原价。</translation>
    </message>
    <message>
        <source>Contradictory rules, these gave way: %1.</source>
        <translation>规则相互矛盾，以下规则让步：%1。</translation>
    </message>
    <message>
        <source>Reading the product&apos;s weeks</source>
        <translation>正在读取商品的周数据</translation>
    </message>
    <message>
        <source>Weeks: units vs price (log-log)</source>
        <translation>每周：销量与价格（双对数）</translation>
    </message>
    <message>
        <source>No weeks with sales.</source>
        <translation>没有有销量的周。</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>promotion weeks</source>
        <translation>促销周</translation>
    </message>
    <message>
        <source>model, typical week</source>
        <translation>模型（典型周）</translation>
    </message>
    <message>
        <source>log price</source>
        <translation>log 价格</translation>
    </message>
    <message>
        <source>log units</source>
        <translation>log 销量</translation>
    </message>
    <message>
        <source>There are no curves to export yet.</source>
        <translation>还没有可导出的曲线。</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 products, %2 would change; expected per week if all are accepted: revenue %3, profit %4.</source>
        <translation>%1 个商品，%2 个将调价；全部采纳后预计每周：收入 %3，毛利 %4。</translation>
    </message>
    <message>
        <source>Tick the rows to accept first.</source>
        <translation>请先勾选要采纳的行。</translation>
    </message>
    <message>
        <source>%1 of the %2 accepted changes move the price by more than %3%. Record them anyway?</source>
        <translation>%2 个采纳的调价中有 %1 个变动超过 %3%。仍要记录吗？</translation>
    </message>
    <message>
        <source>%1 price changes recorded as pending. Push them to the shop or export a CSV price list; they can be undone until then.</source>
        <translation>已记录 %1 个待推送调价。可推送到店铺或导出 CSV 价格表；在此之前均可撤销。</translation>
    </message>
    <message>
        <source>Send the pending prices to %1</source>
        <translation>将待推送价格发送到 %1</translation>
    </message>
    <message>
        <source>No shop connection (Sync &gt; Shop connection…): export a CSV price list instead.</source>
        <translation>未连接店铺（同步 &gt; 店铺连接…）：请改为导出 CSV 价格表。</translation>
    </message>
    <message>
        <source>Undo price change</source>
        <translation>撤销调价</translation>
    </message>
    <message>
        <source>There are no pending price changes.</source>
        <translation>没有待推送的调价。</translation>
    </message>
    <message>
        <source>%1 price changes exported to %2.</source>
        <translation>已将 %1 个调价导出到 %2。</translation>
    </message>
    <message>
        <source>Pushing prices to the shop</source>
        <translation>正在推送价格到店铺</translation>
    </message>
    <message>
        <source>%1 prices pushed to the shop.</source>
        <translation>已推送 %1 个价格到店铺。</translation>
    </message>
    <message>
        <source>Give the scenario a name first.</source>
        <translation>请先为方案命名。</translation>
    </message>
    <message>
        <source>Current price</source>
        <translation>当前价格</translation>
    </message>
    <message>
        <source>%1 (slider)</source>
        <translation>%1（滑块）</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Change per week against today&apos;s price: units %1, revenue %2, profit %3.</source>
        <translation>相对当前价格的每周变化：销量 %1，收入 %2，毛利 %3。</translation>
    </message>
    <message>
        <source>Recording %1 price changes…</source>
        <translation>正在记录 %1 项价格变更…</translation>
    </message>
    <message>
        <source>Accept prices</source>
        <translation>接受价格</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>That product is not in the demand model (too few weeks of sales to estimate its demand).</source>
        <translation>该商品不在需求模型中（销售周数太少，无法估计需求）。</translation>
    </message>
    <message>
        <source>Profit needs a unit cost and the store has none for this product: the price is kept. The revenue objective prices it from demand alone.</source>
        <translation>利润目标需要单位成本，而店铺没有这个商品的成本：价格保持不变。收入目标只依据需求定价。</translation>
    </message>
    <message>
        <source>Use the revenue objective</source>
        <translation>改用收入目标</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ProductListModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Elasticity</source>
        <translation>价格弹性</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::QuarantineDialog</name>
    <message>
        <source>Quarantined records</source>
        <translation>隔离记录</translation>
    </message>
    <message>
        <source>Records from the shop that ShopPilot could not use. The rest of the data was synced; a record leaves this list when a good copy arrives.</source>
        <translation>以下是 ShopPilot 无法使用的店铺记录。其余数据已同步；收到正确的副本后，记录会自动移出此列表。</translation>
    </message>
    <message>
        <source>Select a record to see what the shop sent.</source>
        <translation>选择一条记录以查看店铺发送的原始内容。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>加载已取消。</translation>
    </message>
    <message>
        <source>Records in quarantine: %1</source>
        <translation>隔离中的记录：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Loading quarantined records</source>
        <translation>正在加载隔离记录</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::QuarantineModel</name>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Shop id</source>
        <translation>店铺 ID</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::RecommendationModel</name>
    <message>
        <source>Fits your recent activity</source>
        <translation>符合您最近的浏览</translation>
    </message>
    <message>
        <source>Because you viewed %1</source>
        <translation>因为您浏览过 %1</translation>
    </message>
    <message>
        <source>Because you viewed %1 and %2</source>
        <translation>因为您浏览过 %1 和 %2</translation>
    </message>
    <message>
        <source>Popular in the last 30 days</source>
        <translation>近 30 天热门</translation>
    </message>
    <message>
        <source>Popular in your country lately</source>
        <translation>您所在国家近期热门</translation>
    </message>
    <message>
        <source>Often viewed together</source>
        <translation>常被一起浏览</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::RecsPanel</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search by customer id or name…</source>
        <translation>按客户编号或姓名搜索…</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>Live session: clicking a product records a view and re-ranks</source>
        <translation>实时会话：点击商品即记录一次浏览并重新排序</translation>
    </message>
    <message>
        <source>Clicks are stored as events of this customer, like visits on the shop</source>
        <translation>点击会作为该客户的事件保存，如同在店铺中的访问</translation>
    </message>
    <message>
        <source>Add selected to cart</source>
        <translation>将所选商品加入购物车</translation>
    </message>
    <message>
        <source>Similar items</source>
        <translation>相似商品</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Retrain models</source>
        <translation>重新训练模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Train models</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>Hide out-of-stock products</source>
        <translation>隐藏缺货商品</translation>
    </message>
    <message>
        <source>Hide products the customer already bought</source>
        <translation>隐藏客户已购买的商品</translation>
    </message>
    <message>
        <source>Hide products in the customer&apos;s latest events</source>
        <translation>隐藏客户最近事件中的商品</translation>
    </message>
    <message>
        <source>At most per category (0 = no cap)</source>
        <translation>每个品类最多（0 = 不限）</translation>
    </message>
    <message>
        <source>Diversity (0 = off)</source>
        <translation>多样性（0 = 关闭）</translation>
    </message>
    <message>
        <source>Category factors: above 1 boosts, below 1 buries, 0 hides the category.</source>
        <translation>品类系数：大于 1 提升，小于 1 压低，0 隐藏该品类。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>No trained models yet</source>
        <translation>尚无已训练的模型</translation>
    </message>
    <message>
        <source>Pick a customer to see their recommendations</source>
        <translation>选择一位客户以查看其推荐</translation>
    </message>
    <message>
        <source>Open a store to see recommendations.</source>
        <translation>请打开一个店铺数据库以查看推荐。</translation>
    </message>
    <message>
        <source>Loading the recommenders…</source>
        <translation>正在加载推荐模型…</translation>
    </message>
    <message>
        <source>No recommender has been trained on this store yet: customers get popular products. Train the models to personalise (a few minutes on a large store).</source>
        <translation>此店铺尚未训练推荐模型：客户看到的是热门商品。训练模型即可实现个性化（大型店铺需要几分钟）。</translation>
    </message>
    <message>
        <source>Loading recommendations</source>
        <translation>正在加载推荐</translation>
    </message>
    <message>
        <source>The stored rules could not be read (%1); the defaults apply until you save new ones.</source>
        <translation>无法读取已保存的规则（%1）；在您保存新规则之前使用默认规则。</translation>
    </message>
    <message>
        <source>Top %1 for customer %2 (%3 v%4)</source>
        <translation>客户 %2 的前 %1 项推荐（%3 v%4）</translation>
    </message>
    <message>
        <source>Top %1 for customer %2 (popular products: no trained model)</source>
        <translation>客户 %2 的前 %1 项推荐（热门商品：尚无训练好的模型）</translation>
    </message>
    <message>
        <source>Similar to %1</source>
        <translation>与 %1 相似</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>Training recommenders</source>
        <translation>正在训练推荐模型</translation>
    </message>
    <message>
        <source>Row %1: a factor must be a number &gt;= 0.</source>
        <translation>第 %1 行：系数必须是大于等于 0 的数字。</translation>
    </message>
    <message>
        <source>Rules saved.</source>
        <translation>规则已保存。</translation>
    </message>
    <message>
        <source>Models trained: %1.</source>
        <translation>已训练模型：%1 个。</translation>
    </message>
    <message>
        <source>Test HR@10 by model (each customer&apos;s last event)</source>
        <translation>各模型的测试集 HR@10（每位客户的最后一个事件）</translation>
    </message>
    <message>
        <source>Test HR@10</source>
        <translation>测试集 HR@10</translation>
    </message>
    <message>
        <source>HR@10 (test: each customer&apos;s last event)</source>
        <translation>HR@10（测试：每位客户的最后一个事件）</translation>
    </message>
    <message>
        <source>%1 v%2</source>
        <translation>%1 v%2</translation>
    </message>
    <message>
        <source>Serving %1, trained before models were chosen on validation and refit on all events: retrain to choose and refit.</source>
        <translation>在用 %1：它训练于“按验证集选择、再用全部事件重新训练”之前，请重新训练以完成选择和重新训练。</translation>
    </message>
    <message>
        <source>Serving %1: chosen on validation NDCG@10 %2 (each customer&apos;s second-to-last event, ranked against the whole catalogue). Test on each customer&apos;s last event, reported once: HR@10 %3, NDCG@10 %4. Refit on all events at %5.</source>
        <translation>在用 %1：按验证集 NDCG@10 %2 选出（每位客户的倒数第二个事件，在全部商品中排序）。测试（每位客户的最后一个事件，只报告一次）：HR@10 %3，NDCG@10 %4。已于 %5 用全部事件重新训练。</translation>
    </message>
    <message>
        <source>Scores include a popularity prior of weight %1, chosen on validation.</source>
        <translation>得分包含权重为 %1 的热门度先验，权重按验证集选择。</translation>
    </message>
    <message>
        <source>Training cancelled: nothing was saved, the models served before are kept.</source>
        <translation>训练已取消：未保存任何内容，继续使用之前的模型。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::RiskPanel</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Analyst:</source>
        <translation>审核员：</translation>
    </message>
    <message>
        <source>Score last %1 days</source>
        <translation>为最近 %1 天评分</translation>
    </message>
    <message>
        <source>Train model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <source>Review queue</source>
        <translation>审核队列</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <source>Approve (A)</source>
        <translation>通过 (A)</translation>
    </message>
    <message>
        <source>Reject (R)</source>
        <translation>拒绝 (R)</translation>
    </message>
    <message>
        <source>Escalate (E)</source>
        <translation>升级 (E)</translation>
    </message>
    <message>
        <source>J/K: next/previous</source>
        <translation>J/K：下一条/上一条</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Confirmed fraud</source>
        <translation>确认为欺诈</translation>
    </message>
    <message>
        <source>Stolen card</source>
        <translation>盗用银行卡</translation>
    </message>
    <message>
        <source>Account takeover</source>
        <translation>账户被盗</translation>
    </message>
    <message>
        <source>Known customer</source>
        <translation>老顾客</translation>
    </message>
    <message>
        <source>Verified with the customer</source>
        <translation>已与顾客核实</translation>
    </message>
    <message>
        <source>Needs a senior analyst</source>
        <translation>需要资深审核员处理</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待审</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Evaluation order: 1. block list → block; 2. allow list → allow; 3. enabled rules from top to bottom, the first whose conditions all hold decides (allow, review or block); 4. otherwise the model: score above the review level → review. Conditions use the feature keys shown in the reasons (e.g. device_1h, account_age_days) or &quot;score&quot;. Backtest before saving.</source>
        <translation>评估顺序：1. 黑名单 → 拦截；2. 白名单 → 放行；3. 已启用的规则自上而下，第一条条件全部满足的规则决定结果（放行、审核或拦截）；4. 否则由模型决定：评分高于审核线 → 审核。条件可使用原因中的特征键（如 device_1h、account_age_days）或 "score"。保存前请先回测。</translation>
    </message>
    <message>
        <source>Backtest on the last 90 days</source>
        <translation>在最近 90 天上回测</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Score distribution by label</source>
        <translation>按标签的评分分布</translation>
    </message>
    <message>
        <source>No scored orders with settled labels yet.</source>
        <translation>还没有标签已确定的已评分订单。</translation>
    </message>
    <message>
        <source>Precision and recall</source>
        <translation>精确率与召回率</translation>
    </message>
    <message>
        <source>No fraud model has been trained on this store yet. Train one on the store&apos;s labelled history (chargebacks and review decisions); it takes about a minute on the demo store.</source>
        <translation>此店铺还没有训练过欺诈模型。请用店铺已标注的历史（拒付和审核决定）训练一个；在演示店铺上约需一分钟。</translation>
    </message>
    <message>
        <source>Open a store to review its orders.</source>
        <translation>打开店铺即可审核其订单。</translation>
    </message>
    <message>
        <source>Loading the fraud model and the order history…</source>
        <translation>正在加载欺诈模型和订单历史…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Loading the fraud model</source>
        <translation>正在加载欺诈模型</translation>
    </message>
    <message>
        <source>No fraud model yet.</source>
        <translation>尚无欺诈模型。</translation>
    </message>
    <message>
        <source>Fraud model v%1 (%2): review above %3, high above %4.</source>
        <translation>欺诈模型 v%1（%2）：高于 %3 需审核，高于 %4 为高风险。</translation>
    </message>
    <message>
        <source>Any rule</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>model score</source>
        <translation>模型评分</translation>
    </message>
    <message>
        <source>Any pattern</source>
        <translation>全部模式</translation>
    </message>
    <message>
        <source>&lt;p&gt;The queue is empty. New orders are scored as they arrive; &lt;b&gt;Score last %1 days&lt;/b&gt; fills the queue from recent history.&lt;/p&gt;</source>
        <translation>&lt;p&gt;队列为空。新订单到达时会自动评分；&lt;b&gt;为最近 %1 天评分&lt;/b&gt; 可用近期历史填充队列。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No open alert matches the filters.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有符合筛选条件的待处理预警。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Placed %1 · score &lt;b&gt;%2&lt;/b&gt; (%3) · model v%4 · %5&lt;/p&gt;</source>
        <translation>&lt;p&gt;下单于 %1 · 评分 &lt;b&gt;%2&lt;/b&gt;（%3）· 模型 v%4 · %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>flagged by the model score</source>
        <translation>由模型评分标记</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>Why it was flagged</source>
        <translation>标记原因</translation>
    </message>
    <message>
        <source>no single feature stands out</source>
        <translation>没有特别突出的特征</translation>
    </message>
    <message>
        <source>Loading the customer&apos;s history…</source>
        <translation>正在加载顾客历史…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>&lt;p&gt;Guest order (no customer account).&lt;/p&gt;</source>
        <translation>&lt;p&gt;游客订单（无顾客账户）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1 (#%2) · account since %3&lt;br&gt;%4 orders, %5 spent · %6 refunds or returns · %7 chargebacks&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1（#%2）· 注册于 %3&lt;br&gt;%4 笔订单，消费 %5 · %6 次退款或退货 · %7 次拒付&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Credit score &lt;b&gt;%1&lt;/b&gt; (probability of refund abuse or chargeback %2%)&lt;/p&gt;</source>
        <translation>&lt;p&gt;信用评分 &lt;b&gt;%1&lt;/b&gt;（滥用退款或拒付的概率 %2%）&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 = %2 (−%3 points)</source>
        <translation>%1 = %2（−%3 分）</translation>
    </message>
    <message>
        <source>&lt;p&gt;No credit scorecard yet (Train model builds one).&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚无信用评分卡（训练模型时会一并生成）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Linked orders: %1</source>
        <translation>关联订单：%1</translation>
    </message>
    <message>
        <source>Enter your name as analyst first: every decision is signed in the audit log.</source>
        <translation>请先填写审核员姓名：每个决定都会以此署名记入审计日志。</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>Orders %1: %2; %3 left in the queue.</source>
        <translation>订单%1：%2 笔；队列中还剩 %3 笔。</translation>
    </message>
    <message>
        <source>Training the fraud model…</source>
        <translation>正在训练欺诈模型…</translation>
    </message>
    <message>
        <source>Training the fraud model</source>
        <translation>正在训练欺诈模型</translation>
    </message>
    <message>
        <source>Fraud model v%1 trained (%2); %3 alerts raised from the last %4 days.</source>
        <translation>欺诈模型 v%1 已训练（%2）；从最近 %4 天产生 %3 条预警。</translation>
    </message>
    <message>
        <source>Scoring recent orders</source>
        <translation>正在为近期订单评分</translation>
    </message>
    <message>
        <source>New alerts from the last %1 days: %2.</source>
        <translation>最近 %1 天的新预警：%2 条。</translation>
    </message>
    <message>
        <source>Scoring new orders</source>
        <translation>正在为新订单评分</translation>
    </message>
    <message>
        <source>New orders scored: %1 in %2 ms</source>
        <translation>已为 %1 笔新订单评分，用时 %2 毫秒</translation>
    </message>
    <message>
        <source>; flagged for review: %1.</source>
        <translation>；需审核：%1 笔。</translation>
    </message>
    <message>
        <source>; none flagged.</source>
        <translation>；无需审核。</translation>
    </message>
    <message>
        <source>Orders flagged for review</source>
        <translation>有订单需要审核</translation>
    </message>
    <message>
        <source>New orders in the risk queue: %1.</source>
        <translation>风控队列新增订单：%1 笔。</translation>
    </message>
    <message>
        <source>Fraud (chargeback or rejected)</source>
        <translation>欺诈（拒付或已拒绝）</translation>
    </message>
    <message>
        <source>Not known as fraud</source>
        <translation>未知为欺诈</translation>
    </message>
    <message>
        <source>% of the label&apos;s orders</source>
        <translation>占该标签订单的 %</translation>
    </message>
    <message>
        <source>Precision by recall</source>
        <translation>各召回率下的精确率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Backtesting rules</source>
        <translation>正在回测规则</translation>
    </message>
    <message>
        <source>Backtest done: %1 rules replayed on the last 90 days.</source>
        <translation>回测完成：%1 条规则已在最近 90 天上重放。</translation>
    </message>
    <message>
        <source>Backtest the rules before saving them.</source>
        <translation>保存前请先回测规则。</translation>
    </message>
    <message>
        <source>Saving rules</source>
        <translation>正在保存规则</translation>
    </message>
    <message>
        <source>Rules saved: %1; new orders are evaluated with them.</source>
        <translation>已保存规则：%1 条；新订单将按这些规则评估。</translation>
    </message>
    <message>
        <source>The saved rules have entries that are not valid and are ignored: %1</source>
        <translation>已保存的规则中有无效条目，已忽略：%1</translation>
    </message>
    <message>
        <source>Rules not saved: %1</source>
        <translation>规则未保存：%1</translation>
    </message>
    <message>
        <source>This store has no fraud labels: no chargebacks and no review decisions (an orders-only import, such as Online Retail, has none). The fraud model learns from them, so there is nothing to train on and no order is screened. Connect the shop (Sync &gt; Shop connection) so its refunds and chargebacks sync; Train model appears once the store has labels.</source>
        <translation>此店铺没有欺诈标签：没有拒付，也没有审核决定（仅含订单的导入，例如 Online Retail，都没有）。欺诈模型从这些标签中学习，因此无从训练，也不会筛查任何订单。请连接店铺（同步 &gt; 店铺连接），让它的退款和拒付同步过来；店铺有了标签后会出现“训练模型”。</translation>
    </message>
    <message>
        <source>Review orders scoring %1 or more: %2 orders a day to review · precision %3% · recall %4% · fraud value caught %5 of %6 · measured on %7 orders over %8 days whose chargebacks have had %9 days to arrive.</source>
        <translation>审核评分不低于 %1 的订单：每天需审核 %2 笔 · 精确率 %3% · 召回率 %4% · 拦截欺诈金额 %5 / %6 · 基于 %8 天内的 %7 笔订单（拒付已有 %9 天到达）。</translation>
    </message>
    <message>
        <source>Orders since %1 are still maturing and left out: on this store chargebacks arrive a median of %2 days after the order and 99% within %3 days (measured on %4 chargebacks).</source>
        <translation>%1 以来的订单仍在成熟期，未计入：本店拒付通常在下单后 %2 天（中位数）到达，99% 在 %3 天内到达（基于 %4 笔拒付测得）。</translation>
    </message>
    <message>
        <source>Orders since %1 are still maturing and left out: this store has too few chargebacks (%2) to measure their delay, so the usual %3 days are assumed.</source>
        <translation>%1 以来的订单仍在成熟期，未计入：本店拒付太少（%2 笔），无法测量其延迟，因此按通常的 %3 天计算。</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::RouteMapView</name>
    <message>
        <source>Choose a delivery day to see its stops.</source>
        <translation>选择一个配送日期查看站点。</translation>
    </message>
    <message>
        <source>Stops too far to show, pinned to the edge (hollow): %1</source>
        <translation>过远而无法显示、固定在边缘的站点（空心）：%1</translation>
    </message>
    <message>
        <source>%1 · units: %2</source>
        <translation>%1 · 件数：%2</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::RuleForm</name>
    <message>
        <source>Field / group</source>
        <translation>字段 / 条件组</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>运算符</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>添加条件组</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected condition or group</source>
        <translation>移除选中的条件或条件组</translation>
    </message>
    <message>
        <source>All of (and)</source>
        <translation>全部满足（且）</translation>
    </message>
    <message>
        <source>Any of (or)</source>
        <translation>任一满足（或）</translation>
    </message>
    <message>
        <source>value; a, b for between and lists</source>
        <translation>值；区间和列表用 a, b</translation>
    </message>
    <message>
        <source>country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>last category bought</source>
        <translation>最近购买的品类</translation>
    </message>
    <message>
        <source>first order date</source>
        <translation>首单日期</translation>
    </message>
    <message>
        <source>device (app / web)</source>
        <translation>设备（应用/网站）</translation>
    </message>
    <message>
        <source>RFM group</source>
        <translation>RFM 分组</translation>
    </message>
    <message>
        <source>recency score (1-5)</source>
        <translation>最近购买得分（1-5）</translation>
    </message>
    <message>
        <source>frequency score (1-5)</source>
        <translation>购买频次得分（1-5）</translation>
    </message>
    <message>
        <source>monetary score (1-5)</source>
        <translation>消费金额得分（1-5）</translation>
    </message>
    <message>
        <source>cluster number</source>
        <translation>聚类编号</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于其中之一</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于其中任何一个</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>is known</source>
        <translation>已知</translation>
    </message>
    <message>
        <source>is unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ScenarioCompareModel</name>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Units/week</source>
        <translation>周销量</translation>
    </message>
    <message>
        <source>Revenue/week</source>
        <translation>周收入</translation>
    </message>
    <message>
        <source>Profit/week</source>
        <translation>周毛利</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利率</translation>
    </message>
    <message>
        <source>Binding rule</source>
        <translation>起约束的规则</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SecretStore</name>
    <message>
        <source>The secret is kept in the system keychain.</source>
        <translation>密钥保存在系统钥匙串中。</translation>
    </message>
    <message>
        <source>No system keychain is available: the secret is kept in %1, readable only by you.</source>
        <translation>系统钥匙串不可用：密钥保存在 %1 中，仅您本人可读。</translation>
    </message>
    <message>
        <source>The system keychain could not be read: %1</source>
        <translation>无法读取系统钥匙串：%1</translation>
    </message>
    <message>
        <source>The system keychain refused the secret: %1</source>
        <translation>系统钥匙串拒绝保存密钥：%1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SegmentsPanel</name>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>This rule cannot be shown in the form (it uses &quot;not&quot; or is not valid JSON): edit it here.</source>
        <translation>此规则无法在表单中显示（使用了 "not" 或不是有效的 JSON）：请在此编辑。</translation>
    </message>
    <message>
        <source>Members of the rule: %1 customers</source>
        <translation>规则成员：%1 位客户</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Orders up to and including this day count; the default is the day of the latest order.</source>
        <translation>截至并包含当天的订单都会计入；默认是最近一笔订单的日期。</translation>
    </message>
    <message>
        <source>Compare with days before</source>
        <translation>对比之前天数</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Show personal data</source>
        <translation>显示个人信息</translation>
    </message>
    <message>
        <source>Show customer names and e-mail hashes in member lists and exports. Turning it on or off is recorded in the audit log.</source>
        <translation>在成员列表和导出中显示客户姓名和邮箱哈希。开启或关闭都会记录在审计日志中。</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Clusters</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Rule builder</source>
        <translation>规则构建器</translation>
    </message>
    <message>
        <source>Fairness</source>
        <translation>公平性</translation>
    </message>
    <message>
        <source>Score cut-offs (quintiles by default; edit to re-bucket at once). R: days since the last order, lower is better; F: orders; M: spend.</source>
        <translation>评分分界点（默认按五分位；修改后立即重新分组）。R：距上次下单天数，越小越好；F：订单数；M：消费额。</translation>
    </message>
    <message>
        <source>Recency (days)</source>
        <translation>最近度（天）</translation>
    </message>
    <message>
        <source>Frequency (orders)</source>
        <translation>频率（订单数）</translation>
    </message>
    <message>
        <source>Monetary (spend)</source>
        <translation>金额（消费额）</translation>
    </message>
    <message>
        <source>Reset to quintiles</source>
        <translation>恢复为五分位</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Clusters (k)</source>
        <translation>聚类数 (k)</translation>
    </message>
    <message>
        <source>Auto (silhouette)</source>
        <translation>自动（轮廓系数）</translation>
    </message>
    <message>
        <source>Find clusters</source>
        <translation>查找聚类</translation>
    </message>
    <message>
        <source>The map of customers appears when the clusters are found.</source>
        <translation>找到聚类后将显示客户分布图。</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>聚类</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Predict purchases and churn</source>
        <translation>预测购买与流失</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Predicted churn</source>
        <translation>预测流失</translation>
    </message>
    <message>
        <source>Mean predicted</source>
        <translation>平均预测值</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>Churn calibration (validation window)</source>
        <translation>流失校准（验证窗口）</translation>
    </message>
    <message>
        <source>Run the predictions to see how well the churn probabilities are calibrated.</source>
        <translation>运行预测后可查看流失概率的校准情况。</translation>
    </message>
    <message>
        <source>Advanced: edit the rule as JSON</source>
        <translation>高级：以 JSON 编辑规则</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>segment name</source>
        <translation>分群名称</translation>
    </message>
    <message>
        <source>Save segment</source>
        <translation>保存分群</translation>
    </message>
    <message>
        <source>List members</source>
        <translation>列出成员</translation>
    </message>
    <message>
        <source>Export members CSV…</source>
        <translation>导出成员 CSV…</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>Load into builder</source>
        <translation>载入构建器</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>In segment</source>
        <translation>分群内</translation>
    </message>
    <message>
        <source>Segment share</source>
        <translation>分群占比</translation>
    </message>
    <message>
        <source>Base share</source>
        <translation>整体占比</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Click a movement cell or &quot;List members&quot; to see customers here.</source>
        <translation>点击迁移矩阵的单元格或“列出成员”即可在此查看客户。</translation>
    </message>
    <message>
        <source>No data loaded</source>
        <translation>未加载数据</translation>
    </message>
    <message>
        <source>The fairness report compares the current rule&apos;s members with the whole base.</source>
        <translation>公平性报告将当前规则的成员与全体客户进行比较。</translation>
    </message>
    <message>
        <source>Predictions train on the store&apos;s orders up to the as-of day; this takes a few seconds to a minute.</source>
        <translation>预测使用截至所选日期的店铺订单进行训练，需要几秒到一分钟。</translation>
    </message>
    <message>
        <source>Reading the store…</source>
        <translation>正在读取店铺…</translation>
    </message>
    <message>
        <source>This store has no orders yet: segments need orders.</source>
        <translation>此店铺还没有订单：分群需要订单数据。</translation>
    </message>
    <message>
        <source>Reading customer features as of %1…</source>
        <translation>正在读取截至 %1 的客户特征…</translation>
    </message>
    <message>
        <source>Segments: reading customers</source>
        <translation>分群：读取客户</translation>
    </message>
    <message>
        <source>No customer has an order before this date.</source>
        <translation>此日期之前没有客户下过单。</translation>
    </message>
    <message>
        <source>This store records no sessions: session habits, views, app share and device are absent here, not zero.</source>
        <translation>此店铺没有访问记录：访问习惯、浏览、App 占比和设备在此为缺失，而不是零。</translation>
    </message>
    <message>
        <source>No order carries a coupon or discount: discount sensitivity is absent.</source>
        <translation>没有订单使用优惠券或折扣：优惠敏感度为缺失。</translation>
    </message>
    <message>
        <source>Cut-offs not applied: %1</source>
        <translation>分界点未应用：%1</translation>
    </message>
    <message>
        <source>Movement: rows are the groups %1 days earlier, columns the groups now. Click a cell to list its customers.</source>
        <translation>迁移：行是 %1 天前的分组，列是现在的分组。点击单元格列出其中的客户。</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>%1 new customers are now %2</source>
        <translation>%1 位新客户现为%2</translation>
    </message>
    <message>
        <source>%1 customers stayed %2</source>
        <translation>%1 位客户保持为%2</translation>
    </message>
    <message>
        <source>%1 %2 became %3</source>
        <translation>%1 位%2变为%3</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>E-mail (hash)</source>
        <translation>邮箱（哈希）</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>First order</source>
        <translation>首次下单</translation>
    </message>
    <message>
        <source>Days since last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费额</translation>
    </message>
    <message>
        <source>(the first %1 shown; export for all)</source>
        <translation>（仅显示前 %1 位；导出可获取全部）</translation>
    </message>
    <message>
        <source>Personal data shown.</source>
        <translation>已显示个人信息。</translation>
    </message>
    <message>
        <source>Names and e-mails masked.</source>
        <translation>姓名和邮箱已打码。</translation>
    </message>
    <message>
        <source>Personal data is shown (recorded in the audit log).</source>
        <translation>已显示个人信息（已记录在审计日志中）。</translation>
    </message>
    <message>
        <source>Personal data is masked (recorded in the audit log).</source>
        <translation>已隐藏个人信息（已记录在审计日志中）。</translation>
    </message>
    <message>
        <source>Could not record the setting: %1</source>
        <translation>无法记录该设置：%1</translation>
    </message>
    <message>
        <source>Add a condition to start.</source>
        <translation>添加一个条件开始。</translation>
    </message>
    <message>
        <source>%1 customers (%2 of %3)</source>
        <translation>%1 位客户（共 %3 位，占 %2）</translation>
    </message>
    <message>
        <source>No count: the rule has a problem</source>
        <translation>无法计数：规则有问题</translation>
    </message>
    <message>
        <source>Build a valid rule in the rule builder: its members are compared with the whole base here.</source>
        <translation>请在规则构建器中建立有效规则：其成员将在此与全体客户比较。</translation>
    </message>
    <message>
        <source>%1 customers in the segment against %2 in the base: %3 groups represented more than x1.5 above or below their base share.</source>
        <translation>分群 %1 位客户，整体 %2 位：%3 个群体的占比偏离整体超过 1.5 倍。</translation>
    </message>
    <message>
        <source>Device is not reported: this store records no sessions.</source>
        <translation>未报告设备：此店铺没有访问记录。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>under-represented</source>
        <translation>代表不足</translation>
    </message>
    <message>
        <source>over-represented</source>
        <translation>代表过度</translation>
    </message>
    <message>
        <source>Finding clusters…</source>
        <translation>正在查找聚类…</translation>
    </message>
    <message>
        <source>Segments: clustering customers</source>
        <translation>分群：客户聚类</translation>
    </message>
    <message>
        <source>%1 clusters, chosen by silhouette (%2).</source>
        <translation>%1 个聚类，按轮廓系数选择（%2）。</translation>
    </message>
    <message>
        <source>%1 clusters as set (silhouette %2).</source>
        <translation>按设定为 %1 个聚类（轮廓系数 %2）。</translation>
    </message>
    <message>
        <source>Clustered on: %1.</source>
        <translation>聚类依据：%1。</translation>
    </message>
    <message>
        <source>Cluster %1</source>
        <translation>聚类 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>close to the average customer</source>
        <translation>接近平均客户</translation>
    </message>
    <message>
        <source>Training the purchase, churn and next-category models on the orders up to %1…</source>
        <translation>正在用截至 %1 的订单训练购买、流失和下一品类模型…</translation>
    </message>
    <message>
        <source>Segments: predicting purchases and churn</source>
        <translation>分群：预测购买与流失</translation>
    </message>
    <message>
        <source>Predictions cancelled.</source>
        <translation>预测已取消。</translation>
    </message>
    <message>
        <source>Predictions ready for %1 customers.</source>
        <translation>已为 %1 位客户完成预测。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Purchases and spend in the next %1 days:&lt;/b&gt; %2 served (validation MAE %3; learned model %4, BG/NBD %5).</source>
        <translation>&lt;b&gt;未来 %1 天的购买与消费：&lt;/b&gt;使用%2（验证 MAE %3；学习模型 %4，BG/NBD %5）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Churn:&lt;/b&gt; %1 served: the store is too short to validate a learned model.</source>
        <translation>&lt;b&gt;流失：&lt;/b&gt;使用%1：店铺数据时间太短，无法验证学习模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Churn:&lt;/b&gt; %1 served; validation ROC-AUC learned %2, recency baseline %3 (%4 customers).</source>
        <translation>&lt;b&gt;流失：&lt;/b&gt;使用%1；验证 ROC-AUC：学习模型 %2，最近购买基线 %3（%4 位客户）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next category:&lt;/b&gt; %1 served: too few customers to validate a learned model.</source>
        <translation>&lt;b&gt;下一品类：&lt;/b&gt;使用%1：客户太少，无法验证学习模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next category:&lt;/b&gt; %1 served; validation accuracy learned %2, own most frequent category %3 (%4 customers).</source>
        <translation>&lt;b&gt;下一品类：&lt;/b&gt;使用%1；验证准确率：学习模型 %2，客户自己最常买的品类 %3（%4 位客户）。</translation>
    </message>
    <message>
        <source>%1 of %2 customers have not enough history (fewer than %3 purchase days): no guess is shown for them.</source>
        <translation>%2 位客户中有 %1 位历史不足（购买天数少于 %3 天）：不对他们做猜测。</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>Perfect calibration</source>
        <translation>完美校准</translation>
    </message>
    <message>
        <source>Predicted churn probability</source>
        <translation>预测流失概率</translation>
    </message>
    <message>
        <source>Observed churn rate</source>
        <translation>实际流失率</translation>
    </message>
    <message>
        <source>Give the segment a name to save it.</source>
        <translation>请为分群命名后再保存。</translation>
    </message>
    <message>
        <source>Nothing saved: the rule has a problem.</source>
        <translation>未保存：规则有问题。</translation>
    </message>
    <message>
        <source>Segment &quot;%1&quot; saved with %2 customers.</source>
        <translation>分群“%1”已保存，共 %2 位客户。</translation>
    </message>
    <message>
        <source>Nothing saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>%1 — %2 customers</source>
        <translation>%1 — %2 位客户</translation>
    </message>
    <message>
        <source>Nothing to export: the rule has a problem.</source>
        <translation>无可导出内容：规则有问题。</translation>
    </message>
    <message>
        <source>Export members</source>
        <translation>导出成员</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%1 customers exported to %2 with personal data.</source>
        <translation>已导出 %1 位客户到 %2（含个人信息）。</translation>
    </message>
    <message>
        <source>%1 customers exported to %2; names and e-mails masked.</source>
        <translation>已导出 %1 位客户到 %2；姓名和邮箱已打码。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>%1 customers with orders up to %2 (%3 customers %4 days earlier).</source>
        <translation>截至 %2 有订单的客户 %1 位（%4 天前为 %3 位）。</translation>
    </message>
    <message>
        <source>No validation window: the churn model could not be checked on this store.</source>
        <translation>没有验证窗口：无法在此店铺上检验流失模型。</translation>
    </message>
    <message>
        <source>Show KPIs in Overview</source>
        <translation>在概览中查看指标</translation>
    </message>
    <message>
        <source>Open Overview filtered to this segment&apos;s customers</source>
        <translation>打开经营概览，只看该分群客户的指标</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SeriesModel</name>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>GMV</source>
        <translation>成交额 (GMV)</translation>
    </message>
    <message>
        <source>GMV (%1)</source>
        <translation>成交额 (%1)</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话数</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>转化率</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Open the most recent store</source>
        <translation>打开最近使用的店铺</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>ShopPilot stores (*.db *.sqlite);;All files (*)</source>
        <translation>ShopPilot 店铺文件 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Data file at start-up:</source>
        <translation>启动时打开的数据文件：</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::StoreService</name>
    <message>
        <source>The store reported an unknown error.</source>
        <translation>店铺数据报告了未知错误。</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>没有打开的店铺。</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::StoreSummaryModel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Refunds and cancellations</source>
        <translation>退款与取消</translation>
    </message>
    <message>
        <source>Browsing events</source>
        <translation>浏览行为事件</translation>
    </message>
    <message>
        <source>Price changes</source>
        <translation>价格变动</translation>
    </message>
    <message>
        <source>Competitor prices</source>
        <translation>竞品价格</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Campaign recipients</source>
        <translation>活动触达用户</translation>
    </message>
    <message>
        <source>Support conversations</source>
        <translation>客服会话</translation>
    </message>
    <message>
        <source>Support messages</source>
        <translation>客服消息</translation>
    </message>
    <message>
        <source>Knowledge-base articles</source>
        <translation>知识库文章</translation>
    </message>
    <message>
        <source>Depots</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Vehicles</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>配送单</translation>
    </message>
    <message>
        <source>Risk alerts</source>
        <translation>风险预警</translation>
    </message>
    <message>
        <source>Review decisions</source>
        <translation>审核决定</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Trained models</source>
        <translation>已训练模型</translation>
    </message>
    <message>
        <source>Rejected import rows</source>
        <translation>导入被拒行</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SupportPanel</name>
    <message>
        <source>Could not record the setting: %1</source>
        <translation>无法记录该设置：%1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Test console</source>
        <translation>测试控制台</translation>
    </message>
    <message>
        <source>Metrics by intent</source>
        <translation>按意图统计</translation>
    </message>
    <message>
        <source>Show personal data</source>
        <translation>显示个人信息</translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation>全部会话</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <source>Waiting for a person</source>
        <translation>等待人工</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人工处理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Understood</source>
        <translation>机器人理解</translation>
    </message>
    <message>
        <source>Containment</source>
        <translation>自助解决率</translation>
    </message>
    <message>
        <source>Handoff rate</source>
        <translation>转人工率</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Median first response</source>
        <translation>首次响应中位数</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新会话</translation>
    </message>
    <message>
        <source>Write as a customer, in English or Chinese, e.g. &quot;where is order SP-100013?&quot;</source>
        <translation>以客户身份用中文或英文输入，例如“订单SP-100013到哪了？”</translation>
    </message>
    <message>
        <source>Chat as a customer. The bot answers from this store&apos;s orders and knowledge base; beside each reply: the intent it understood, its confidence, the slots and the action.</source>
        <translation>以客户身份与机器人对话。机器人根据本店的订单和知识库回答；每条回复旁显示它理解的意图、置信度、槽位和动作。</translation>
    </message>
    <message>
        <source>The bot is learning from this store&apos;s conversations…</source>
        <translation>机器人正在学习本店的会话…</translation>
    </message>
    <message>
        <source>Open a store to see its support conversations.</source>
        <translation>打开一个店铺以查看客服会话。</translation>
    </message>
    <message>
        <source>All intents</source>
        <translation>全部意图</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Training the bot on this store&apos;s conversations…</source>
        <translation>正在用本店会话训练机器人…</translation>
    </message>
    <message>
        <source>Support: training the intent model</source>
        <translation>智能客服：训练意图模型</translation>
    </message>
    <message>
        <source>The bot understands %1 intents, learned from this store&apos;s conversations.</source>
        <translation>机器人可识别 %1 种意图，基于本店会话学习。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服人员</translation>
    </message>
    <message>
        <source>, order %1</source>
        <translation>，订单 %1</translation>
    </message>
    <message>
        <source>The bot is still learning; try again in a moment.</source>
        <translation>机器人仍在学习，请稍后再试。</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>not understood</source>
        <translation>未理解</translation>
    </message>
    <message>
        <source>intent %1</source>
        <translation>意图 %1</translation>
    </message>
    <message>
        <source>confidence %1</source>
        <translation>置信度 %1</translation>
    </message>
    <message>
        <source>order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>action: %1</source>
        <translation>动作：%1</translation>
    </message>
    <message>
        <source>article %1</source>
        <translation>文章 %1</translation>
    </message>
    <message>
        <source>handed off: %1</source>
        <translation>已转人工：%1</translation>
    </message>
    <message>
        <source>(silent: a person has this conversation)</source>
        <translation>（静默：该会话已由人工接管）</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>ask for the order number</source>
        <translation>询问订单号</translation>
    </message>
    <message>
        <source>hand off to a person</source>
        <translation>转人工</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>ask to rephrase</source>
        <translation>请求换个说法</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>After-sales feedback</source>
        <translation>售后反馈</translation>
    </message>
    <message>
        <source>Reply as an agent (%1)</source>
        <translation>以客服身份回复（%1）</translation>
    </message>
    <message>
        <source>Write a reply, or let the bot draft one from the order&apos;s real facts and edit it</source>
        <translation>写一条回复，或让机器人根据订单的真实信息起草后再修改</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <source>A person handles this conversation from now on; the bot stays silent</source>
        <translation>从现在起由人工处理此会话，机器人不再回复</translation>
    </message>
    <message>
        <source>Draft reply</source>
        <translation>起草回复</translation>
    </message>
    <message>
        <source>The bot drafts a reply from what it understood and the order&apos;s real facts; nothing is sent</source>
        <translation>机器人根据其理解和订单的真实信息起草回复；不会自动发送</translation>
    </message>
    <message>
        <source>Send to customer</source>
        <translation>发送给客户</translation>
    </message>
    <message>
        <source>Close conversation</source>
        <translation>关闭会话</translation>
    </message>
    <message>
        <source>You have this conversation now; the bot stays silent in it.</source>
        <translation>此会话已由您接管，机器人不再回复。</translation>
    </message>
    <message>
        <source>Could not take the conversation over: %1</source>
        <translation>无法接管会话：%1</translation>
    </message>
    <message>
        <source>Nothing understood</source>
        <translation>未理解</translation>
    </message>
    <message>
        <source>Intent %1 (%2)</source>
        <translation>意图 %1（%2）</translation>
    </message>
    <message>
        <source>no order found in the conversation</source>
        <translation>会话中没有找到订单</translation>
    </message>
    <message>
        <source>order %1, facts read from the store</source>
        <translation>订单 %1，信息读自店铺数据</translation>
    </message>
    <message>
        <source>Check the draft before sending: it promises nothing that has not been done.</source>
        <translation>发送前请检查草稿：它不会承诺尚未完成的事。</translation>
    </message>
    <message>
        <source>No draft: %1</source>
        <translation>无法起草：%1</translation>
    </message>
    <message>
        <source>Sent.</source>
        <translation>已发送。</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发送：%1</translation>
    </message>
    <message>
        <source>Conversation closed.</source>
        <translation>会话已关闭。</translation>
    </message>
    <message>
        <source>Could not close the conversation: %1</source>
        <translation>无法关闭会话：%1</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::SyncController</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel sync</source>
        <translation>取消同步(&amp;C)</translation>
    </message>
    <message>
        <source>Shop &amp;connection…</source>
        <translation>店铺连接(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quarantined records…</source>
        <translation>隔离记录(&amp;Q)…</translation>
    </message>
    <message>
        <source>Not connected to a shop</source>
        <translation>未连接店铺</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Syncing… %1%</source>
        <translation>正在同步… %1%</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <source>Sync cancelled</source>
        <translation>同步已取消</translation>
    </message>
    <message>
        <source>open a store first</source>
        <translation>请先打开店铺</translation>
    </message>
    <message>
        <source>enter the consumer key and secret in the shop connection settings</source>
        <translation>请在店铺连接设置中填写 Consumer Key 和 Secret</translation>
    </message>
    <message>
        <source>Syncing with the shop</source>
        <translation>正在与店铺同步</translation>
    </message>
    <message>
        <source>Connected: the shop lists %1 products</source>
        <translation>已连接：店铺共有 %1 件商品</translation>
    </message>
    <message>
        <source>Test cancelled</source>
        <translation>测试已取消</translation>
    </message>
    <message>
        <source>Testing the shop connection</source>
        <translation>正在测试店铺连接</translation>
    </message>
    <message>
        <source>port %1 is in use</source>
        <translation>端口 %1 已被占用</translation>
    </message>
    <message>
        <source>%1 · webhooks starting…</source>
        <translation>%1 · Webhook 启动中…</translation>
    </message>
    <message>
        <source>%1 · webhooks on :%2</source>
        <translation>%1 · Webhook 已开启 :%2</translation>
    </message>
    <message>
        <source>%1 · webhooks off: %2</source>
        <translation>%1 · Webhook 已关闭：%2</translation>
    </message>
    <message>
        <source>Webhooks starting…</source>
        <translation>Webhook 启动中…</translation>
    </message>
    <message>
        <source>Webhooks on :%1</source>
        <translation>Webhook 已开启 :%1</translation>
    </message>
    <message>
        <source>Webhooks off: %1</source>
        <translation>Webhook 已关闭：%1</translation>
    </message>
    <message>
        <source>Webhooks off</source>
        <translation>Webhook 已关闭</translation>
    </message>
    <message>
        <source>set the webhook secret in the shop connection settings</source>
        <translation>请在店铺连接设置中填写 Webhook 密钥</translation>
    </message>
    <message>
        <source>stopped (%1); restarting in %2 s</source>
        <translation>已停止（%1）；%2 秒后重启</translation>
    </message>
    <message>
        <source>Synced %1 · no event feed</source>
        <translation>已同步 %1 · 店铺无事件流</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::TimelineModel</name>
    <message>
        <source>viewed</source>
        <translation>浏览</translation>
    </message>
    <message>
        <source>added to cart</source>
        <translation>加入购物车</translation>
    </message>
    <message>
        <source>bought</source>
        <translation>购买</translation>
    </message>
    <message>
        <source>searched</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Product or search</source>
        <translation>商品或搜索</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::ViewState</name>
    <message>
        <source>Date range %1 – %2</source>
        <translation>日期范围 %1 – %2</translation>
    </message>
    <message>
        <source>Change granularity</source>
        <translation>更改时间粒度</translation>
    </message>
    <message>
        <source>Drill down to %1</source>
        <translation>下钻到 %1</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Remove a filter</source>
        <translation>移除筛选条件</translation>
    </message>
</context>
<context>
    <name>shoppilot::ui::XyChartView</name>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
</context>
</TS>
