#include "common/csv.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/error.h"

namespace shoppilot {

namespace {

// Large enough that gzread's per-call overhead vanishes, small enough to stay in L2.
constexpr std::size_t kBufferSize = 256 * 1024;
constexpr unsigned kGzipBufferSize = 128 * 1024;

} // namespace

struct CsvReader::Impl {
    std::string path;
    char delimiter = ',';
    gzFile gz = nullptr;
    // When set, the whole input is this text (parseCsvLine) instead of a file.
    const char* memory = nullptr;
    std::size_t memorySize = 0;

    std::vector<char> buffer;
    const char* data = nullptr;
    std::size_t pos = 0;
    std::size_t len = 0;
    bool atEnd = false;
    bool first = true;

    std::uint64_t fileSize = 0;
    std::uint64_t uncompressed = 0;
    std::int64_t line = 1;       // physical line at `pos`
    std::int64_t recordLine = 0; // where the last record started
    std::int64_t records = 0;
    bool pendingCr = false;      // the last record ended on CR: a following LF is the same break
    bool malformed = false;
    std::string raw;

    ~Impl()
    {
        if (gz)
            gzclose(gz);
    }

    [[noreturn]] void throwGzError(int errnum, const char* message) const
    {
        if (errnum == Z_ERRNO)
            throw Error(ErrorCode::Io, "cannot read " + path + ": " + std::strerror(errno));
        if (errnum == Z_MEM_ERROR)
            throw Error(ErrorCode::Io, "out of memory while reading " + path);
        // zlib prefixes its messages with the path, which ours already names.
        std::string_view detail = message ? message : "unknown error";
        if (detail.starts_with(path + ": "))
            detail.remove_prefix(path.size() + 2);
        throw Error(ErrorCode::Parse, path + " is damaged or truncated (gzip: " + std::string(detail)
                                          + "); the file cannot be read to its end");
    }

    // Refills the buffer; false at the end of the input.
    bool fill()
    {
        if (atEnd)
            return false;
        pos = 0;
        len = 0;
        if (memory) {
            data = memory;
            len = memorySize;
            atEnd = true;
            memory = nullptr;
        } else {
            const int n = gzread(gz, buffer.data(), unsigned(buffer.size()));
            if (n < 0) {
                int errnum = 0;
                const char* msg = gzerror(gz, &errnum);
                throwGzError(errnum, msg);
            }
            if (n == 0) {
                int errnum = Z_OK;
                const char* msg = gzerror(gz, &errnum);
                // A truncated stream is reported here (Z_BUF_ERROR), not as a -1 from gzread.
                if (errnum != Z_OK)
                    throwGzError(errnum, msg);
                atEnd = true;
                return false;
            }
            data = buffer.data();
            len = std::size_t(n);
        }
        uncompressed += len;
        if (first) {
            first = false;
            if (len >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
                pos = 3;
        }
        return len > 0 || fill();
    }

    bool next(std::vector<std::string>& fields)
    {
        enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
        State state = State::FieldStart;
        std::size_t count = 0;
        std::string* field = nullptr;
        bool inRecord = false;
        std::size_t rawFrom = 0;
        raw.clear();
        malformed = false;

        auto newField = [&]() {
            if (count == fields.size())
                fields.emplace_back();
            else
                fields[count].clear();
            field = &fields[count++];
        };
        auto finish = [&]() {
            fields.resize(count);
            ++records;
            return true;
        };

        for (;;) {
            if (pos >= len) {
                if (inRecord)
                    raw.append(data + rawFrom, len - rawFrom);
                if (!fill()) {
                    if (!inRecord)
                        return false;
                    malformed = state == State::Quoted;
                    return finish();
                }
                rawFrom = pos;
            }
            if (!inRecord) {
                const char c = data[pos];
                if (c == '\n' && pendingCr) {
                    pendingCr = false;
                    ++pos;
                    continue;
                }
                pendingCr = false;
                if (c == '\n' || c == '\r') { // a blank line
                    pendingCr = c == '\r';
                    ++line;
                    ++pos;
                    continue;
                }
                inRecord = true;
                recordLine = line;
                rawFrom = pos;
                state = State::FieldStart;
                newField();
            }
            switch (state) {
            case State::FieldStart:
                if (data[pos] == '"') {
                    state = State::Quoted;
                    ++pos;
                } else {
                    state = State::Unquoted;
                }
                break;
            case State::Unquoted: {
                std::size_t stop = pos;
                while (stop < len && data[stop] != delimiter && data[stop] != '\n' && data[stop] != '\r')
                    ++stop;
                field->append(data + pos, stop - pos);
                if (stop == len) {
                    pos = stop;
                    break;
                }
                const char c = data[stop];
                pos = stop + 1;
                if (c == delimiter) {
                    newField();
                    state = State::FieldStart;
                    break;
                }
                raw.append(data + rawFrom, stop - rawFrom);
                ++line;
                pendingCr = c == '\r';
                return finish();
            }
            case State::Quoted: {
                std::size_t stop = pos;
                while (stop < len && data[stop] != '"' && data[stop] != '\n')
                    ++stop;
                field->append(data + pos, stop - pos);
                if (stop == len) {
                    pos = stop;
                    break;
                }
                if (data[stop] == '\n') {
                    field->push_back('\n');
                    ++line;
                } else {
                    state = State::QuoteInQuoted;
                }
                pos = stop + 1;
                break;
            }
            case State::QuoteInQuoted: {
                const char c = data[pos];
                if (c == '"') {
                    field->push_back('"');
                    state = State::Quoted;
                    ++pos;
                } else if (c == delimiter) {
                    newField();
                    state = State::FieldStart;
                    ++pos;
                } else if (c == '\n' || c == '\r') {
                    raw.append(data + rawFrom, pos - rawFrom);
                    ++pos;
                    ++line;
                    pendingCr = c == '\r';
                    return finish();
                } else {
                    state = State::Unquoted; // text after a closing quote: keep it, like Python's csv
                }
                break;
            }
            }
        }
    }
};

CsvReader::CsvReader(const std::string& path, char delimiter) : m_impl(std::make_unique<Impl>())
{
    m_impl->path = path;
    m_impl->delimiter = delimiter;
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        throw Error(ErrorCode::Io, "cannot open " + path + ": the file does not exist");
    if (fs::is_directory(status))
        throw Error(ErrorCode::Io, "cannot open " + path + ": it is a directory, not a CSV file");
    m_impl->fileSize = fs::file_size(path, ec);
    if (ec)
        m_impl->fileSize = 0;
    errno = 0;
    m_impl->gz = gzopen(path.c_str(), "rb");
    if (!m_impl->gz)
        throw Error(ErrorCode::Io, "cannot open " + path + ": "
                                       + (errno ? std::strerror(errno) : "out of memory"));
    gzbuffer(m_impl->gz, kGzipBufferSize);
    m_impl->buffer.resize(kBufferSize);
}

CsvReader::CsvReader(CsvReader&&) noexcept = default;
CsvReader& CsvReader::operator=(CsvReader&&) noexcept = default;
CsvReader::~CsvReader() = default;

bool CsvReader::next(std::vector<std::string>& fields)
{
    return m_impl->next(fields);
}

std::int64_t CsvReader::lineNumber() const { return m_impl->recordLine; }
std::int64_t CsvReader::recordNumber() const { return m_impl->records; }
const std::string& CsvReader::rawText() const { return m_impl->raw; }
bool CsvReader::malformed() const { return m_impl->malformed; }
std::uint64_t CsvReader::fileSize() const { return m_impl->fileSize; }
std::uint64_t CsvReader::uncompressedBytesRead() const { return m_impl->uncompressed; }
const std::string& CsvReader::path() const { return m_impl->path; }

std::uint64_t CsvReader::bytesRead() const
{
    if (!m_impl->gz)
        return 0;
    const auto offset = gzoffset(m_impl->gz);
    return offset > 0 ? std::uint64_t(offset) : 0;
}

double CsvReader::fraction() const
{
    if (m_impl->fileSize == 0)
        return 0.0;
    return std::clamp(double(bytesRead()) / double(m_impl->fileSize), 0.0, 1.0);
}

std::vector<std::string> parseCsvLine(std::string_view line, char delimiter)
{
    CsvReader::Impl impl;
    impl.path = "<text>";
    impl.delimiter = delimiter;
    impl.memory = line.data();
    impl.memorySize = line.size();
    std::vector<std::string> fields;
    if (!impl.next(fields))
        fields.clear();
    return fields;
}

} // namespace shoppilot
