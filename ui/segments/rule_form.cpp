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
#include <functional>

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
    // Group combinators keep their data; only the texts change.
    std::function<void(QTreeWidgetItem*)> walk = [&](QTreeWidgetItem* item) {
        if (item->data(0, kKindRole).toInt() == Group) {
            if (auto* box = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0))) {
                box->setItemText(0, tr("All of (and)"));
                box->setItemText(1, tr("Any of (or)"));
            }
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
            const QString current = box->currentText();
            const QSignalBlocker block(box);
            box->clear();
            box->addItems(m_fields);
            if (!m_fields.contains(current))
                box->addItem(current);
            box->setCurrentText(current);
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
    const QSignalBlocker block(ops);
    const QString keep = op.isEmpty() ? ops->currentText() : op;
    ops->clear();
    ops->addItems(opsFor(field));
    const int i = ops->findText(keep);
    ops->setCurrentIndex(i >= 0 ? i : 0);
}

void RuleForm::setupCondition(QTreeWidgetItem* item, const QString& field, const QString& op, const QString& value)
{
    item->setData(0, kKindRole, int(Condition));
    auto* fieldBox = new QComboBox;
    fieldBox->addItems(m_fields);
    if (!m_fields.contains(field))
        fieldBox->addItem(field);
    fieldBox->setCurrentText(field);
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
    connect(fieldBox, &QComboBox::currentTextChanged, this, [this, item, emitChanged](const QString& f) {
        fillOps(item, f, {});
        emitChanged();
    });
    connect(opBox, &QComboBox::currentTextChanged, this, emitChanged);
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
        box->setCurrentText(op);
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
    const QString field = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 0))->currentText();
    const QString op = qobject_cast<QComboBox*>(m_tree->itemWidget(item, 1))->currentText();
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
