using CommandCenter.Data.Identity;

namespace CommandCenter.Web.Components.Admin;

public static class AdminSetup
{
    /// <summary>User and API-key administration, shared by the /admin pages and the /api/v1/admin endpoints.</summary>
    public static IServiceCollection AddCommandCenterAdmin(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<ApiKeyAdministration>();
        return services;
    }
}
