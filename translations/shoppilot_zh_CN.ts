<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>An unexpected error stopped the job.</source>
        <translation>一个意外错误中止了任务。</translation>
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
        <source>Offline: local copy, not connected to a shop</source>
        <translation>离线：本地副本，未连接店铺平台</translation>
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
</context>
</TS>
