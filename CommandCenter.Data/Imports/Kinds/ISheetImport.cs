using CommandCenter.Data.Imports.Reading;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>One spreadsheet kind: checks every row and upserts the valid ones by the kind's natural key.</summary>
public interface ISheetImport
{
    ImportTemplate Template { get; }

    Task ImportAsync(ImportSession session, Sheet sheet, CancellationToken cancellationToken);
}

/// <summary>A grid as the sheet kinds need it.</summary>
public sealed record GridRef(int Id, string Code, int CommunityId, int StreetId);

/// <summary>Lookups loaded once per run.</summary>
internal static class ImportLookups
{
    public static async Task<Dictionary<string, GridRef>> GridsAsync(CommandCenterDbContext db, CancellationToken ct) =>
        await db.Grids.AsNoTracking().Select(g => new GridRef(g.Id, g.Code, g.CommunityId, g.StreetId))
            .ToDictionaryAsync(g => g.Code, StringComparer.Ordinal, ct);

    /// <summary>The grid of a 网格编码 cell, rejecting the row when it is unknown.</summary>
    public static GridRef? Grid(RowCheck check, string column, IReadOnlyDictionary<string, GridRef> grids)
    {
        var code = check.Text(column, 15);
        if (code.Length is 0 or > 15)
        {
            return null;
        }
        if (grids.TryGetValue(code, out var grid))
        {
            return grid;
        }
        check.Reject(column, $"网格编码“{code}”不存在，请先导入区划边界。");
        return null;
    }

    /// <summary>Rejects the second and later rows with the same key in one file.</summary>
    public static bool FirstOccurrence<TKey>(RowCheck check, Dictionary<TKey, int> seen, TKey key, string column, string shown)
        where TKey : notnull
    {
        if (seen.TryGetValue(key, out var firstRow))
        {
            check.Reject(column, $"{shown}与第 {firstRow} 行重复。");
            return false;
        }
        seen[key] = check.Row;
        return true;
    }
}
