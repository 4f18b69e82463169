// The audit actor name every panel writes: "shoppilot:" + $USER, or "shoppilot:user".
#include <QtTest>

#include "common/identity.h"

class TestIdentity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void actorNameFollowsUser()
    {
        const QByteArray saved = qgetenv("USER");
        qputenv("USER", "alice");
        QCOMPARE(shoppilot::actorName(), std::string("shoppilot:alice"));
        qunsetenv("USER");
        QCOMPARE(shoppilot::actorName(), std::string("shoppilot:user"));
        qputenv("USER", "");
        QCOMPARE(shoppilot::actorName(), std::string("shoppilot:user"));
        if (!saved.isNull())
            qputenv("USER", saved);
    }
};

QTEST_APPLESS_MAIN(TestIdentity)
#include "tst_identity.moc"
