#include "recs/recs_data.h"

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "common/error.h"

namespace shoppilot::recs {

std::size_t SequenceData::numActions() const
{
    std::size_t n = 0;
    for (const auto& s : sequences)
        n += s.size();
    return n;
}

FileFormat parseFileFormat(const std::string& text)
{
    if (text == "s3rec")
        return FileFormat::S3Rec;
    if (text == "pairs")
        return FileFormat::Pairs;
    throw Error(ErrorCode::InvalidArgument, "--format must be s3rec (one user per line: user item item ...) or "
                                            "pairs (one 'user item' per line, time-ordered), not '" + text + "'");
}

namespace {

class Builder {
public:
    ItemIndex item(const std::string& id)
    {
        auto [it, inserted] = m_items.try_emplace(id, ItemIndex(m_data.itemIds.size()));
        if (inserted)
            m_data.itemIds.push_back(id);
        return it->second;
    }
    std::size_t user(const std::string& id)
    {
        auto [it, inserted] = m_users.try_emplace(id, m_data.userIds.size());
        if (inserted) {
            m_data.userIds.push_back(id);
            m_data.sequences.emplace_back();
        }
        return it->second;
    }
    SequenceData& data() { return m_data; }

private:
    SequenceData m_data{{}, {""}, {}};
    std::unordered_map<std::string, ItemIndex> m_items;
    std::unordered_map<std::string, std::size_t> m_users;
};

SequenceData parseStream(std::istream& in, FileFormat format, const std::string& where)
{
    Builder b;
    std::string line;
    std::size_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        std::istringstream ls(line);
        std::string user;
        if (!(ls >> user))
            continue; // blank line
        std::string item;
        std::vector<std::string> items;
        while (ls >> item)
            items.push_back(item);
        if (items.empty())
            throw Error(ErrorCode::Parse, where + " line " + std::to_string(lineNo) + ": user '" + user
                                              + "' has no item; expected 'user item ...'");
        if (format == FileFormat::Pairs && items.size() != 1)
            throw Error(ErrorCode::Parse, where + " line " + std::to_string(lineNo)
                                              + ": expected exactly 'user item' (pairs format), found "
                                              + std::to_string(items.size() + 1) + " fields; is it --format s3rec?");
        auto& seq = b.data().sequences[b.user(user)];
        for (const auto& it : items)
            seq.push_back(b.item(it));
    }
    if (b.data().userIds.empty())
        throw Error(ErrorCode::Parse, where + " holds no interactions");
    return std::move(b.data());
}

} // namespace

SequenceData loadSequenceFile(const std::string& path, FileFormat format)
{
    std::ifstream in(path);
    if (!in)
        throw Error(ErrorCode::Io, "cannot read " + path + ": check the path and its permissions");
    return parseStream(in, format, path);
}

SequenceData parseSequences(const std::string& text, FileFormat format)
{
    std::istringstream in(text);
    return parseStream(in, format, "the data");
}

Split leaveOneOut(const SequenceData& data)
{
    Split s;
    s.numItems = data.numItems();
    s.train.resize(data.sequences.size());
    for (std::size_t u = 0; u < data.sequences.size(); ++u) {
        const auto& seq = data.sequences[u];
        if (seq.size() < 3) {
            s.train[u] = seq;
            continue;
        }
        s.train[u].assign(seq.begin(), seq.end() - 2);
        s.validation.push_back({std::int32_t(u), s.train[u], seq[seq.size() - 2]});
        std::vector<ItemIndex> h(seq.begin(), seq.end() - 1);
        s.test.push_back({std::int32_t(u), std::move(h), seq.back()});
    }
    return s;
}

} // namespace shoppilot::recs
