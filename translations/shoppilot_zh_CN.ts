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
        <source>Each customer&apos;s last event held out, ranked among all products they had not seen</source>
        <translation>留出每位客户的最后一个事件，在其未接触过的全部商品中排序</translation>
    </message>
    <message>
        <source>The held-out product ranked among 99 random products the customer never touched</source>
        <translation>留出的商品与 99 个客户从未接触过的随机商品一起排序</translation>
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
        <source>HR@10</source>
        <translation>HR@10</translation>
    </message>
    <message>
        <source>NDCG@10</source>
        <translation>NDCG@10</translation>
    </message>
    <message>
        <source>MRR</source>
        <translation>MRR</translation>
    </message>
    <message>
        <source>HR@10 (1+99)</source>
        <translation>HR@10（1+99）</translation>
    </message>
    <message>
        <source>Training (s)</source>
        <translation>训练（秒）</translation>
    </message>
    <message>
        <source>Trained</source>
        <translation>训练时间</translation>
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
        <source>Held-out HR@10 by model</source>
        <translation>各模型的留出 HR@10</translation>
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
        <source>HR@10</source>
        <translation>HR@10</translation>
    </message>
    <message>
        <source>HR@10 (held-out last event)</source>
        <translation>HR@10（留出最后一个事件）</translation>
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
        <source>Training cancelled: models finished before the cancel were kept.</source>
        <translation>训练已取消：取消前已完成的模型已保留。</translation>
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
</context>
</TS>
