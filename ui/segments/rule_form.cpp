#include "segments/rule_form.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

#include "segments/segments_format.h"

namespace shoppilot::ui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;

QStringList opsFor(const QString& field)
{
    const QString kind = ruleFieldKind(field);
    if (kind == QLatin1String("text"))
        return {"=", "!=", "in", "not_in", "present", "absent"};
    if (kind == QLatin1String("date"))
        return {"<", "<=", ">", ">=", "=", "between"};
    QStringList ops{"<", "<=", ">", ">=", "=", "!=", "between", "present", "absent"};
    if (field == QLatin1String("cluster"))
        ops << "in" << "not_in";
    return ops;
}

// The form's value text as the rule's JSON value: numbers for numeric fields, lists for
// between/in, text otherwise (compileRule reports a value that does not fit).
QJsonValue parseValue(const QString& field, const QString& op, const QString& text)
{
    const bool numeric = ruleFieldKind(field) == QLatin1String("number");
    auto one = [numeric](const QString& s) -> QJsonValue {
        const QString t = s.trimmed();
        if (numeric) {
            bool ok = false;
            const double v = t.toDouble(&ok);
            if (ok)
                return v;
        }
        return t;
    };
    if (op == QLatin1String("between") || op == QLatin1String("in") || op == QLatin1String("not_in")) {
        QJsonArray list;
        for (const auto& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(one(part));
        return list;
    }
    return one(text);
}

// What a marketer reads in the field box (the rule's JSON keeps the field id, shown as a tip).
QString fieldLabel(const QString& field)
{
    static const struct {
        const char* id;
        const char* name;
    } kNames[] = {
        {"country", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "country")},
        {"channel", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "channel")},
        {"last_category", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "last category bought")},
        {"first_order", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "first order date")},
        {"device", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "device (app / web)")},
        {"rfm_group", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "RFM group")},
        {"r_score", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "recency score (1-5)")},
        {"f_score", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "frequency score (1-5)")},
        {"m_score", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "monetary score (1-5)")},
        {"cluster", QT_TRANSLATE_NOOP("shoppilot::ui::RuleForm", "cluster number")},
    };
    for (const auto& n : kNames)
        if (field == QLatin1String(n.id))
            return RuleForm::tr(n.name);
    return featureName(field);
}

QString opLabel(const QString& op)
{
    if (op == QLatin1String("in"))
        return RuleForm::tr("is one of");
    if (op == QLatin1String("not_in"))
        return RuleForm::tr("is none of");
    if (op == QLatin1String("between"))
        return RuleForm::tr("between");
    if (op == QLatin1String("present"))
        return RuleForm::tr("is known");
    if (op == QLatin1String("absent"))
        return RuleForm::tr("is unknown");
    return op; // < <= > >= = != read the same in every language
}

// Items show labels and carry the ids (Qt::UserRole); an id the list lacks is kept as its own item.
void fillBox(QComboBox* box, const QStringList& ids, const QString& current, QString (*label)(const QString&))
{
    const QSignalBlocker block(box);
    box->clear();
    for (const QString& id : ids) {
        box->addItem(label(id), id);
        box->setItemData(box->count() - 1, id, Qt::ToolTipRole);
    }
    if (!current.isEmpty() && box->findData(current) < 0)
        box->addItem(label(current), current);
    const int i = box->findData(current);
    box->setCurrentIndex(i >= 0 ? i : 0);
}

QString boxId(const QComboBox* box)
{
    return box ? box->currentData().toString() : QString();
}

QString valueText(const QJsonValue& v)
{
    if (v.isArray()) {
        QStringList parts;
        for (const auto& e : v.toArray())
            parts << valueText(e);
        return parts.join(QStringLiteral(", "));
    }
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 12);
    return v.toString();
}

} // namespace

QString ruleFieldKind(const QString& field)
{
    static const QStringList kText{"country", "channel", "device", "last_category", "rfm_group"};
    if (kText.contains(field))
        return QStringLiteral("text");
    if (field == QLatin1String("first_order"))
        return QStringLiteral("date");
    return QStringLiteral("number");
}

RuleForm::RuleForm(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree = new QTreeWidget;
    m_tree->setObjectName(QStringLiteral("ruleTree"));
    m_tree->setColumnCount(3);
    m_tree->setRootIsDecorated(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QHBoxLayout;
    m_addCondition = new QPushButton;
    m_addGroup = new QPushButton;
    m_remove = new QPushButton;
    buttons->addWidget(m_addCondition);
    buttons->addWidget(m_addGroup);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_addCondition, &QPushButton::clicked, this, [this] {
        addCondition(m_fields.value(m_fields.indexOf(QStringLiteral("monetary")), m_fields.value(0)), QStringLiteral(">"),
                     QString(), selectedGroup());
    });
    connect(m_addGroup, &QPushButton::clicked, this, [this] {
        auto* g = addGroup(QStringLiteral("or"), selectedGroup());
        m_tree->setCurrentItem(g);
    });
    connect(m_remove, &QPushButton::clicked, this, &RuleForm::removeSelected);
    retranslate();
    clearRule();
}

void RuleForm::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RuleForm::retranslate()
{
    m_tree->setHeaderLabels({tr("Field / group"), tr("Operator"), tr("Value")});
    m_addCondition->setText(tr("Add condition"));
    m_addGroup->setText(tr("Add group"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected condition or group"));
    // Boxes keep their data (ids); only the texts change.
    std::function<void(QTreeWidgetItem*)> walk = [&](QTreeWidgetItem* item) {
        if (item->data(0, kKindRole).toInt() == Group) {
            if (auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0))) {
                box->setItemText(0, tr("All of (and)"));
                box->setItemText(1, tr("Any of (or)"));
            }
        } else {
            for (int column : {0, 1})
                if (auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(item, column)))
                    for (int i = 0; i < box->count(); ++i)
                        box->setItemText(i, column == 0 ? fieldLabel(box->itemData(i).toString())
                                                        : opLabel(box->itemData(i).toString()));
        }
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    if (m_root)
        walk(m_root);
}

void RuleForm::setFields(const QStringList& fields)
{
    m_fields = fields;
    // Existing rows keep their field even when the new data lacks it (compileRule says so).
    std::function<void(QTreeWidgetItem*)> walk = [&](QTreeWidgetItem* item) {
        if (item->data(0, kKindRole).toInt() == Condition) {
            auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0));
            fillBox(box, m_fields, boxId(box), fieldLabel);
        }
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    walk(m_root);
}

void RuleForm::clearRule()
{
    m_filling = true;
    m_tree->clear();
    m_root = new QTreeWidgetItem(m_tree);
    setupGroup(m_root, QStringLiteral("and"));
    m_filling = false;
    Q_EMIT changed();
}

void RuleForm::setupGroup(QTreeWidgetItem* item, const QString& combinator)
{
    item->setData(0, kKindRole, int(Group));
    item->setExpanded(true);
    auto* box = new QComboBox;
    box->addItem(tr("All of (and)"), QStringLiteral("and"));
    box->addItem(tr("Any of (or)"), QStringLiteral("or"));
    box->setCurrentIndex(combinator == QLatin1String("or") ? 1 : 0);
    m_tree->setItemWidget(item, 0, box);
    connect(box, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
}

void RuleForm::fillOps(QTreeWidgetItem* item, const QString& field, const QString& op)
{
    auto* ops = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 1));
    const QString keep = op.isEmpty() ? boxId(ops) : op;
    const QStringList allowed = opsFor(field);
    fillBox(ops, allowed, allowed.contains(keep) ? keep : allowed.value(0), opLabel);
}

void RuleForm::setupCondition(QTreeWidgetItem* item, const QString& field, const QString& op, const QString& value)
{
    item->setData(0, kKindRole, int(Condition));
    auto* fieldBox = new QComboBox;
    fieldBox->setObjectName(QStringLiteral("ruleField"));
    fillBox(fieldBox, m_fields, field, fieldLabel);
    auto* opBox = new QComboBox;
    auto* edit = new QLineEdit(value);
    edit->setPlaceholderText(tr("value; a, b for between and lists"));
    m_tree->setItemWidget(item, 0, fieldBox);
    m_tree->setItemWidget(item, 1, opBox);
    m_tree->setItemWidget(item, 2, edit);
    fillOps(item, field, op);
    auto emitChanged = [this] {
        if (!m_filling)
            Q_EMIT changed();
    };
    connect(fieldBox, &QComboBox::currentIndexChanged, this, [this, item, fieldBox, emitChanged] {
        fillOps(item, boxId(fieldBox), {});
        emitChanged();
    });
    connect(opBox, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(edit, &QLineEdit::textChanged, this, emitChanged);
}

QTreeWidgetItem* RuleForm::addCondition(const QString& field, const QString& op, const QString& value, QTreeWidgetItem* group)
{
    auto* parent = group ? group : m_root;
    auto* item = new QTreeWidgetItem(parent);
    setupCondition(item, field, op, value);
    parent->setExpanded(true);
    if (!m_filling)
        Q_EMIT changed();
    return item;
}

QTreeWidgetItem* RuleForm::addGroup(const QString& combinator, QTreeWidgetItem* parent)
{
    auto* item = new QTreeWidgetItem(parent ? parent : m_root);
    setupGroup(item, combinator);
    (parent ? parent : m_root)->setExpanded(true);
    if (!m_filling)
        Q_EMIT changed();
    return item;
}

QTreeWidgetItem* RuleForm::selectedGroup() const
{
    QTreeWidgetItem* item = m_tree->currentItem();
    while (item && item->data(0, kKindRole).toInt() != Group)
        item = item->parent();
    return item ? item : m_root;
}

void RuleForm::removeSelected()
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (!item || item == m_root)
        return;
    delete item;
    Q_EMIT changed();
}

int RuleForm::conditionCount() const
{
    int n = 0;
    std::function<void(QTreeWidgetItem*)> walk = [&](QTreeWidgetItem* item) {
        if (item->data(0, kKindRole).toInt() == Condition)
            ++n;
        for (int i = 0; i < item->childCount(); ++i)
            walk(item->child(i));
    };
    walk(m_root);
    return n;
}

void RuleForm::setConditionValue(QTreeWidgetItem* row, const QString& value)
{
    if (auto* edit = qobject_cast<QLineEdit*>(m_tree->itemWidget(row, 2)))
        edit->setText(value);
}

void RuleForm::setConditionOp(QTreeWidgetItem* row, const QString& op)
{
    if (auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(row, 1)))
        box->setCurrentIndex(std::max(0, box->findData(op)));
}

QJsonValue RuleForm::nodeJson(QTreeWidgetItem* item) const
{
    if (item->data(0, kKindRole).toInt() == Group) {
        auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0));
        QJsonArray children;
        for (int i = 0; i < item->childCount(); ++i)
            children.append(nodeJson(item->child(i)));
        return QJsonObject{{box ? box->currentData().toString() : QStringLiteral("and"), children}};
    }
    const QString field = boxId(qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0)));
    const QString op = boxId(qobject_cast<QComboBox*>(m_tree->itemWidget(item, 1)));
    const QString value = qobject_cast<QLineEdit*>(m_tree->itemWidget(item, 2))->text();
    QJsonObject o{{"field", field}, {"op", op}};
    if (op != QLatin1String("present") && op != QLatin1String("absent"))
        o.insert(QStringLiteral("value"), parseValue(field, op, value));
    return o;
}

QString RuleForm::json() const
{
    QJsonValue root = nodeJson(m_root);
    // One condition alone needs no group around it.
    if (m_root->childCount() == 1 && m_root->child(0)->data(0, kKindRole).toInt() == Condition)
        root = nodeJson(m_root->child(0));
    return QString::fromUtf8(QJsonDocument(root.toObject()).toJson(QJsonDocument::Compact));
}

bool RuleForm::fillFrom(const QJsonValue& node, QTreeWidgetItem* parent)
{
    if (!node.isObject())
        return false;
    const QJsonObject o = node.toObject();
    for (const char* g : {"and", "or"}) {
        if (o.contains(QLatin1String(g))) {
            if (o.size() != 1 || !o.value(QLatin1String(g)).isArray())
                return false;
            QTreeWidgetItem* group = parent ? addGroup(QLatin1String(g), parent) : m_root;
            if (!parent)
                qobject_cast<QComboBox*>(m_tree->itemWidget(m_root, 0))->setCurrentIndex(QLatin1String(g) == QLatin1String("or"));
            for (const auto& child : o.value(QLatin1String(g)).toArray())
                if (!fillFrom(child, group))
                    return false;
            return true;
        }
    }
    if (!o.contains(QStringLiteral("field")) || !o.contains(QStringLiteral("op")))
        return false; // "not" and anything else stay in the JSON view
    addCondition(o.value(QStringLiteral("field")).toString(), o.value(QStringLiteral("op")).toString(),
                 valueText(o.value(QStringLiteral("value"))), parent ? parent : m_root);
    return true;
}

bool RuleForm::setJson(const QString& text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QString before = json();
    m_filling = true;
    m_tree->clear();
    m_root = new QTreeWidgetItem(m_tree);
    setupGroup(m_root, QStringLiteral("and"));
    const QJsonObject o = doc.object();
    const bool isGroup = o.contains(QStringLiteral("and")) || o.contains(QStringLiteral("or"));
    const bool ok = isGroup ? fillFrom(o, nullptr) : fillFrom(o, m_root);
    m_filling = false;
    if (!ok) {
        setJson(before); // the previous content, which the form built itself
        return false;
    }
    Q_EMIT changed();
    return true;
}

} // namespace shoppilot::ui
