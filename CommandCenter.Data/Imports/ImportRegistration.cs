using CommandCenter.Data.Imports.Kinds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Data.Imports;

public static class ImportRegistration
{
    /// <summary>The import pipeline: options, the upload store, the runner and one importer per kind.</summary>
    public static IServiceCollection AddCommandCenterImports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection(ImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportFileStore>();
        services.AddSingleton<HierarchyImport>();
        services.AddSingleton<ISheetImport, BuildingImport>();
        services.AddSingleton<ISheetImport, RoomImport>();
        services.AddSingleton<ISheetImport, HouseholdImport>();
        services.AddSingleton<ISheetImport, ResidentImport>();
        services.AddSingleton<ISheetImport, PlaceImport>();
        services.AddSingleton<ISheetImport, ComponentImport>();
        services.AddSingleton<ISheetImport, OrganizationImport>();
        services.AddSingleton<ISheetImport, StaffImport>();
        services.AddSingleton<ImportKinds>();
        services.AddSingleton<ImportAftermath>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportQueries>();
        return services;
    }
}
