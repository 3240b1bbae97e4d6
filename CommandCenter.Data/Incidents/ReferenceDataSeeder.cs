using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Data.Incidents;

/// <summary>
/// Reference data every installation needs, demo or not: the incident category catalogue.
/// Handling units are not reference data: every unit serves a hierarchy node (its AreaCode), so they are
/// created with the hierarchy (the demo generator makes the district's departments, streets', communities'
/// and grids' units; a production installation imports its own).
/// </summary>
public sealed class ReferenceDataSeeder(
    IDbContextFactory<CommandCenterDbContext> contextFactory,
    ILogger<ReferenceDataSeeder> logger)
{
    /// <summary>Inserts the category catalogue when the table is empty; safe to call at every start.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.IncidentCategories.AnyAsync(cancellationToken))
        {
            return;
        }
        var categories = CategoryCatalog.Create();
        db.IncidentCategories.AddRange(categories);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} incident categories", categories.Count);
    }
}
