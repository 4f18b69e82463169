<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Panels</name>
    <message>
        <source>Overview</source>
        <translation>经营概览</translation>
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
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
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
