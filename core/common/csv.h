// A streaming RFC 4180 CSV reader for plain or gzip-compressed files (imports, data sets).
// It reads record by record through a fixed buffer, so files of any size use constant memory,
// and tells where each record came from (physical line, raw text) so importers can keep rejected
// rows with their line number, and how far it got in the file (for progress).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shoppilot {

// Splits one line of CSV text (no line break needed) into fields with the same rules; for tests,
// small config strings and header checks.
std::vector<std::string> parseCsvLine(std::string_view line, char delimiter = ',');

// Accepts: quoted fields holding delimiters, doubled quotes and line breaks; CRLF, LF or CR
// line ends; a UTF-8 byte-order mark; a missing final line break. Blank lines are skipped.
// Lenient like most spreadsheet exports: a quote inside an unquoted field is kept as text, and
// text after a closing quote is appended to the field. An unterminated quoted field at the end
// of the file is returned as a record with malformed() set, not thrown, so an importer can
// reject that one record and still account for every line.
class CsvReader {
public:
    // Opens `path`, plain or gzip (detected from the content, not the name). Throws
    // shoppilot::Error(ErrorCode::Io) naming the file when it cannot be opened.
    explicit CsvReader(const std::string& path, char delimiter = ',');
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;
    CsvReader(CsvReader&&) noexcept;
    CsvReader& operator=(CsvReader&&) noexcept;
    ~CsvReader();

    // Reads the next record into `fields` (reusing their storage); false at the end of the file.
    // Throws shoppilot::Error naming the file when it is damaged (ErrorCode::Parse: bad or
    // truncated gzip data) or cannot be read (ErrorCode::Io).
    bool next(std::vector<std::string>& fields);

    // About the record next() returned last:
    std::int64_t lineNumber() const;    // physical line (1-based) it starts on
    std::int64_t recordNumber() const;  // 1-based count of records returned so far
    const std::string& rawText() const; // its text as in the file, without the final line break
    bool malformed() const;             // it ended inside a quoted field (end of file)

    // Bytes consumed from the file on disk (compressed bytes for gzip), for progress against
    // fileSize(); and the uncompressed bytes parsed so far.
    std::uint64_t bytesRead() const;
    std::uint64_t fileSize() const;
    std::uint64_t uncompressedBytesRead() const;
    // bytesRead() / fileSize(), in [0, 1].
    double fraction() const;

    const std::string& path() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    friend std::vector<std::string> parseCsvLine(std::string_view line, char delimiter);
};

} // namespace shoppilot
