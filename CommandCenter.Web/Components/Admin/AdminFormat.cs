using System.Globalization;
using CommandCenter.Data;
using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Web.Components.Admin;

/// <summary>How the administration pages show times (China time, yyyy-MM-dd HH:mm) and areas.</summary>
public static class AdminFormat
{
    public static string ChinaTime(DateTime? utc) => utc is { } value ? ChinaDay.Local(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string ChinaTime(DateTimeOffset? utc) => ChinaTime(utc?.UtcDateTime);

    /// <summary>China time to the second (yyyy-MM-dd HH:mm:ss), for audit entries.</summary>
    public static string ChinaSecond(DateTime utc) => ChinaDay.Local(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The name of an area node by code, searching the tree; null for no code or an unknown one.</summary>
    public static string? AreaName(IReadOnlyList<HierarchyTreeNode> areas, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        foreach (var node in areas)
        {
            if (node.Code == code)
            {
                return node.Name;
            }
            if (code.StartsWith(node.Code, StringComparison.Ordinal))
            {
                return AreaName(node.Children, code);
            }
        }
        return null;
    }
}
