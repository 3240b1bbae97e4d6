using System.Text;

namespace CommandCenter.Data.Imports.Reading;

/// <summary>RFC 4180 records from text: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
internal sealed class CsvRecordReader(TextReader reader, int maxFieldLength = 32_768)
{
    private readonly StringBuilder _field = new();

    /// <summary>The next record's fields, or null at the end.</summary>
    public List<string>? Read()
    {
        var fields = new List<string>();
        var quoted = false;
        var any = false;
        _field.Clear();
        while (true)
        {
            var next = reader.Read();
            if (next < 0)
            {
                if (!any && fields.Count == 0 && _field.Length == 0)
                {
                    return null;
                }
                fields.Add(_field.ToString());
                return fields;
            }
            any = true;
            var c = (char)next;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        Append(c);
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when _field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }
                    fields.Add(_field.ToString());
                    return fields;
                case '\n':
                    fields.Add(_field.ToString());
                    return fields;
                case '\0':
                    throw new ImportFileException("文件含有二进制内容，不是 CSV 表格。");
                default:
                    Append(c);
                    break;
            }
        }
    }

    private void Append(char c)
    {
        if (_field.Length >= maxFieldLength)
        {
            throw new ImportFileException($"单元格超过 {maxFieldLength} 个字符，文件不是正常的 CSV 表格。");
        }
        _field.Append(c);
    }
}
