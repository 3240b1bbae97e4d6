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

    /// <summary>The data rows, each counted and wrapped in a check.</summary>
    public static IEnumerable<RowCheck> Checks(ImportSession session, Sheet sheet)
    {
        foreach (var row in sheet.Rows)
        {
            session.Outcome.Total++;
            yield return new RowCheck(row, sheet.Columns, session.Outcome);
        }
    }

    /// <summary>Stored records by natural key; where old data holds the key twice, the oldest record is the one updated.</summary>
    public static async Task<Dictionary<TKey, T>> OldestByKeyAsync<TKey, T>(IQueryable<T> query, Func<T, int> id, Func<T, TKey> key, CancellationToken ct)
        where TKey : notnull
    {
        var byKey = new Dictionary<TKey, T>();
        foreach (var record in (await query.ToListAsync(ct)).OrderBy(id))
        {
            byKey.TryAdd(key(record), record);
        }
        return byKey;
    }

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
