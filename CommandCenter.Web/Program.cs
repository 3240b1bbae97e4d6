using CommandCenter.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddCommandCenterWeb();
var app = builder.Build();

if (CommandLineVerbs.IsVerb(args))
{
    return await CommandLineVerbs.RunAsync(app.Services, args, Console.Out, Console.Error);
}

await app.Services.GetRequiredService<StartupTasks>().RunAsync();
app.MapCommandCenterWeb();
await app.RunAsync();
return 0;

/// <summary>Public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
