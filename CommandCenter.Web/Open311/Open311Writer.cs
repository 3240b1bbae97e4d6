using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace CommandCenter.Web.Open311;

/// <summary>Writes an <see cref="Open311Object"/> or <see cref="Open311List"/> as UTF-8 XML (no BOM) or snake_case JSON.</summary>
public static class Open311Writer
{
    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = false,
        CheckCharacters = true,
        Async = false,
    };

    /// <summary>
    /// Chinese, '+' and quotes as text (2026-06-02T08:00:00+08:00, not \u002B08:00): the body is application/json,
    /// never embedded in HTML, so the relaxed encoder is safe and keeps naive clients working.
    /// </summary>
    private static readonly JsonWriterOptions JsonSettings = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static byte[] Write(object document, Open311Format format) =>
        format == Open311Format.Json ? WriteJson(document) : WriteXml(document);

    public static byte[] WriteXml(object document)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, XmlSettings))
        {
            writer.WriteStartDocument();
            switch (document)
            {
                case Open311List list:
                    WriteXml(writer, list.Name, list);
                    break;
                case Open311Object obj:
                    WriteXml(writer, obj.Name, obj);
                    break;
                default:
                    throw new ArgumentException("An Open311 document is an object or a list.", nameof(document));
            }
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    public static byte[] WriteJson(object document)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonSettings))
        {
            WriteJson(writer, document);
        }
        return buffer.ToArray();
    }

    private static void WriteXml(XmlWriter writer, string name, object? value)
    {
        writer.WriteStartElement(name);
        switch (value)
        {
            case null:
                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    WriteXml(writer, list.ItemName, item);
                }
                break;
            case Open311Object obj:
                foreach (var (field, fieldValue) in obj.Fields)
                {
                    WriteXml(writer, field, fieldValue);
                }
                break;
            default:
                writer.WriteString(XmlSafe(Text(value)));
                break;
        }
        writer.WriteEndElement();
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double:
                writer.WriteNullValue();
                break;
            case DateTime or DateTimeOffset:
                writer.WriteStringValue(Text(value));
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }
                writer.WriteEndArray();
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (field, fieldValue) in obj.Fields)
                {
                    writer.WritePropertyName(field);
                    WriteJson(writer, fieldValue);
                }
                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Open311 cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    private static string Text(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime t => Open311Formats.W3C(t),
        DateTimeOffset t => Open311Formats.W3C(t),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Open311 cannot write a {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>Drops characters XML 1.0 cannot carry (most C0 controls, lone surrogates), so text never breaks the document.</summary>
    internal static string XmlSafe(string text)
    {
        var firstBad = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsXmlCharAt(text, i, out var width))
            {
                firstBad = i;
                break;
            }
            i += width - 1;
        }
        if (firstBad < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            if (IsXmlCharAt(text, i, out var width))
            {
                builder.Append(text, i, width);
                i += width - 1;
            }
        }
        return builder.ToString();
    }

    private static bool IsXmlCharAt(string text, int index, out int width)
    {
        var c = text[index];
        width = 1;
        if (char.IsHighSurrogate(c))
        {
            if (index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                width = 2;
                return true;
            }
            return false;
        }
        return XmlConvert.IsXmlChar(c);
    }
}
