using Microsoft.EntityFrameworkCore.Metadata;

namespace CommandCenter.Data.Imports.Kinds;

/// <summary>
/// Upsert by natural key for the registry kinds: a new key inserts; a known key whose mapped values all equal the row's
/// changes nothing (so a second import of the same file reports 0 inserted, 0 updated); otherwise the row updates in place.
/// </summary>
internal static class KeyedUpsert
{
    /// <param name="keep">Copies what the sheet does not carry (links, accounts, inspection dates) from the stored record to the row's.</param>
    public static void Apply<TKey, T>(ImportSession session, Dictionary<TKey, T> existing, TKey key, T candidate, Action<T, T>? keep = null)
        where TKey : notnull
        where T : class
    {
        if (!existing.TryGetValue(key, out var current))
        {
            existing[key] = candidate;
            session.Insert(candidate);
            return;
        }
        var type = session.Db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var id = type.FindPrimaryKey()!.Properties[0];
        id.PropertyInfo!.SetValue(candidate, id.GetGetter().GetClrValueUsingContainingEntity(current));
        keep?.Invoke(current, candidate);
        if (type.GetProperties().Where(p => p.PropertyInfo is not null).All(p => SameValue(p, current, candidate)))
        {
            return;
        }
        existing[key] = candidate;
        session.Update(candidate);
    }

    private static bool SameValue(IProperty property, object a, object b)
    {
        var getter = property.GetGetter();
        return Equals(getter.GetClrValueUsingContainingEntity(a), getter.GetClrValueUsingContainingEntity(b));
    }
}
