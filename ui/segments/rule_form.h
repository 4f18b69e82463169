// The rule builder's form: a tree of and/or groups holding condition rows (field, operator,
// value), turned into the JSON rule that core/segments/rules.h compiles. Loading a rule back
// fills the tree; a rule the form cannot show (e.g. a "not") is refused so the panel can keep
// it in the JSON view instead.
#pragma once

#include <QJsonValue>
#include <QStringList>
#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace shoppilot::ui {

class RuleForm : public QWidget {
    Q_OBJECT
public:
    explicit RuleForm(QWidget* parent = nullptr);

    // The fields offered in every condition row (ruleFields of the loaded data).
    void setFields(const QStringList& fields);
    // The rule as JSON text; an empty group gives {"and": []} (compileRule names the problem).
    QString json() const;
    // Replaces the form's content; false (form unchanged) when the rule does not fit the form.
    bool setJson(const QString& json);
    void clearRule();

    // Adds a condition to the group `group` (nullptr: the top group) and returns its row.
    QTreeWidgetItem* addCondition(const QString& field, const QString& op, const QString& value,
                                  QTreeWidgetItem* group = nullptr);
    // Adds a nested group ("and" / "or") to `parent` (nullptr: the top group).
    QTreeWidgetItem* addGroup(const QString& combinator, QTreeWidgetItem* parent = nullptr);
    QTreeWidgetItem* topGroup() const { return m_root; }
    QTreeWidget* tree() const { return m_tree; }
    int conditionCount() const;

    // Field, operator or value of a condition row (tests drive the form through these).
    void setConditionValue(QTreeWidgetItem* row, const QString& value);
    void setConditionOp(QTreeWidgetItem* row, const QString& op);

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    enum Kind { Group = 0, Condition = 1 };
    void retranslate();
    void setupGroup(QTreeWidgetItem* item, const QString& combinator);
    void setupCondition(QTreeWidgetItem* item, const QString& field, const QString& op, const QString& value);
    void fillOps(QTreeWidgetItem* item, const QString& field, const QString& op);
    QTreeWidgetItem* selectedGroup() const;
    QJsonValue nodeJson(QTreeWidgetItem* item) const;
    bool fillFrom(const QJsonValue& node, QTreeWidgetItem* parent);
    void removeSelected();

    QTreeWidget* m_tree = nullptr;
    QTreeWidgetItem* m_root = nullptr;
    QPushButton* m_addCondition = nullptr;
    QPushButton* m_addGroup = nullptr;
    QPushButton* m_remove = nullptr;
    QStringList m_fields;
    bool m_filling = false;
};

// What kind of value a rule field takes: "number", "text" or "date".
QString ruleFieldKind(const QString& field);

} // namespace shoppilot::ui
