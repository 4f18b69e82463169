// Checkpoints round-trip through the models table; a wrong model file is refused without
// touching the module; the process runs on an optimised BLAS.
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>

#include <QTemporaryDir>
#include <QtTest>

#include "engine/engine.h"
#include "store/database.h"

using namespace shoppilot;

namespace {
struct TinyNetImpl : torch::nn::Module {
    TinyNetImpl(int in, int out)
        : emb(register_module("emb", torch::nn::Embedding(10, in))), fc(register_module("fc", torch::nn::Linear(in, out)))
    {
    }
    torch::nn::Embedding emb;
    torch::nn::Linear fc;
};
TORCH_MODULE(TinyNet);

bool sameParameters(const torch::nn::Module& a, const torch::nn::Module& b)
{
    const auto pa = a.named_parameters(true), pb = b.named_parameters(true);
    if (pa.size() != pb.size())
        return false;
    for (const auto& p : pa)
        if (!torch::equal(p.value(), pb[p.key()]))
            return false;
    return true;
}
} // namespace

class TestEngine : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void checkpointRoundTripsThroughStore()
    {
        auto db = store::Database::open(m_dir.filePath("m.db").toStdString(), {store::OpenMode::CreateIfMissing});
        engine::ModelRegistry registry(db);
        torch::manual_seed(1);
        TinyNet trained(4, 3);
        engine::ModelToSave m;
        m.name = "test.tiny";
        m.trainedAt = 1234;
        m.metricsJson = R"({"loss":0.5})";
        QCOMPARE(registry.save(m, engine::serializeModule(*trained)), 1);
        QCOMPARE(registry.save(m, engine::serializeModule(*trained)), 2);
        const auto active = registry.active("test.tiny");
        QVERIFY(active);
        QCOMPARE(active->version, 2);
        QCOMPARE(int(registry.list("test.tiny").size()), 2);

        torch::manual_seed(2);
        TinyNet served(4, 3);
        QVERIFY(!sameParameters(*trained, *served));
        engine::deserializeModule(*served, registry.blob("test.tiny", 2));
        QVERIFY(sameParameters(*trained, *served));

        registry.activate("test.tiny", 1);
        QCOMPARE(registry.active("test.tiny")->version, 1);
        QVERIFY_THROWS_EXCEPTION(Error, registry.activate("test.tiny", 7));
        QCOMPARE(registry.active("test.tiny")->version, 1);
    }

    void wrongModelFileIsRefusedWithoutHalfLoading()
    {
        TinyNet source(4, 3);
        const auto bytes = engine::serializeModule(*source);
        TinyNet other(5, 3); // same names, other shapes
        const auto before = other->fc->weight.clone();
        try {
            engine::deserializeModule(*other, bytes);
            QFAIL("loaded a checkpoint of another shape");
        } catch (const Error& e) {
            QCOMPARE(e.code(), ErrorCode::Model);
            QVERIFY(QString::fromStdString(e.what()).contains("shape"));
        }
        QVERIFY(torch::equal(before, other->fc->weight));

        const std::vector<std::uint8_t> garbage(100, 0x42);
        QVERIFY_THROWS_EXCEPTION(Error, engine::deserializeModule(*other, garbage));
    }

    void runsOnOptimisedBlas()
    {
        engine::configureThreads(2);
        // Touch BLAS so the library is mapped, then ask which one it is.
        auto a = torch::rand({64, 64});
        auto c = torch::mm(a, a);
        QVERIFY(c.size(0) == 64);
        const auto info = engine::engineInfo();
        QCOMPARE(info.intraOpThreads, 2);
        QVERIFY2(info.optimisedBlas, ("LibTorch runs on " + info.blasLibrary
                                      + "; install libopenblas0-pthread (packaging/install-deps.sh)").c_str());
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
