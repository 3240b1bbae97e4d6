using System.IO.Compression;
using System.Text;
using MiniExcelLibs;

namespace CommandCenter.Data.Imports.Reading;

/// <summary>
/// Opens an uploaded XLSX or CSV as a <see cref="Sheet"/>: the first row is the header, data rows stream as they are read.
/// CSV may be UTF-8 (with or without BOM) or GB18030 (what Chinese Excel writes): bytes that are not valid UTF-8 are GB18030.
/// A file that is not what it claims (not a zip, binary content, a zip bomb) is refused with <see cref="ImportFileException"/>.
/// </summary>
public static class SheetReader
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsSpreadsheetName(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".xlsx" or ".csv" or ".txt";

    public static Sheet Open(string path, string fileName, ImportOptions options)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => OpenXlsx(path, options),
            ".csv" or ".txt" => OpenCsv(path, options),
            _ => throw new ImportFileException("只能导入 .xlsx 或 .csv 表格。"),
        };
    }

    private static Sheet OpenXlsx(string path, ImportOptions options)
    {
        CheckZip(path, options);
        IEnumerator<IDictionary<string, object>> rows;
        try
        {
            rows = MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object>>().GetEnumerator();
            if (!rows.MoveNext())
            {
                rows.Dispose();
                throw new ImportFileException("表格是空的：第 1 行应为表头。");
            }
        }
        catch (Exception ex) when (ex is not ImportFileException and not OperationCanceledException)
        {
            throw new ImportFileException("无法读取 XLSX 表格，文件可能已损坏或不是 Excel 文件。");
        }
        var header = rows.Current;
        var columns = new SheetColumns(header.OrderBy(c => ColumnIndex(c.Key)).Select(c => CellText.Of(c.Value)));
        return new Sheet(columns, XlsxRows(rows, options.MaxRows), rows);
    }

    private static IEnumerable<SheetRow> XlsxRows(IEnumerator<IDictionary<string, object>> rows, int maxRows)
    {
        var number = 1;
        while (true)
        {
            bool more;
            try
            {
                more = rows.MoveNext();
            }
            catch (Exception ex) when (ex is not ImportFileException and not OperationCanceledException)
            {
                throw new ImportFileException($"第 {number + 1} 行无法读取，XLSX 文件可能已损坏。");
            }
            if (!more)
            {
                yield break;
            }
            number++;
            if (number - 1 > maxRows)
            {
                throw new ImportFileException($"表格超过 {maxRows} 行，请拆分后分批导入。");
            }
            var dictionary = rows.Current;
            var cells = new string[dictionary.Count == 0 ? 0 : dictionary.Keys.Max(ColumnIndex) + 1];
            Array.Fill(cells, string.Empty);
            foreach (var (key, value) in dictionary)
            {
                cells[ColumnIndex(key)] = CellText.Of(value);
            }
            var row = new SheetRow(number, cells);
            if (!row.IsEmpty)
            {
                yield return row;
            }
        }
    }

    /// <summary>Refuses what is not a zip, and a zip that would unpack to more than the limit (a zip bomb).</summary>
    private static void CheckZip(string path, ImportOptions options)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual(ZipMagic))
        {
            throw new ImportFileException("文件不是 XLSX 表格（不是 Excel 的压缩格式）。");
        }
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            long total = 0;
            var workbook = false;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                workbook |= entry.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase);
                if (total > options.MaxUncompressedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > 1000 && entry.Length > 10 * 1024 * 1024))
                {
                    throw new ImportFileException("XLSX 解压后过大（疑似压缩炸弹），已拒绝。");
                }
            }
            if (!workbook)
            {
                throw new ImportFileException("压缩包里没有 Excel 工作簿，文件不是 XLSX 表格。");
            }
        }
        catch (InvalidDataException)
        {
            throw new ImportFileException("XLSX 文件已损坏，无法解压。");
        }
    }

    private static Sheet OpenCsv(string path, ImportOptions options)
    {
        var encoding = DetectEncoding(path);
        var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 65536);
        try
        {
            var records = new CsvRecordReader(reader);
            var header = records.Read() ?? throw new ImportFileException("表格是空的：第 1 行应为表头。");
            if (header.Count > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
            {
                header[0] = header[0][1..];
            }
            return new Sheet(new SheetColumns(header), CsvRows(records, options.MaxRows), reader);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static IEnumerable<SheetRow> CsvRows(CsvRecordReader records, int maxRows)
    {
        var number = 1;
        while (records.Read() is { } fields)
        {
            number++;
            if (number - 1 > maxRows)
            {
                throw new ImportFileException($"表格超过 {maxRows} 行，请拆分后分批导入。");
            }
            var cells = new string[fields.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = CellText.Normalize(fields[i]);
            }
            var row = new SheetRow(number, cells);
            if (!row.IsEmpty)
            {
                yield return row;
            }
        }
    }

    /// <summary>UTF-8 when every byte sequence is valid UTF-8 (a BOM is skipped), GB18030 otherwise; binary content is refused.</summary>
    internal static Encoding DetectEncoding(string path)
    {
        using var stream = File.OpenRead(path);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var buffer = new byte[65536];
        var chars = new char[65536 + 8];
        int read;
        var first = true;
        var utf8 = true;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (first && buffer.AsSpan(0, Math.Min(read, 8192)).Contains((byte)0))
            {
                throw new ImportFileException("文件含有二进制内容，不是 CSV 表格。");
            }
            first = false;
            if (!utf8)
            {
                continue;
            }
            try
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException)
            {
                utf8 = false;
            }
        }
        return utf8 ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030");
    }

    private static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            if (c is >= 'A' and <= 'Z')
            {
                index = (index * 26) + (c - 'A' + 1);
            }
        }
        return Math.Max(0, index - 1);
    }
}
