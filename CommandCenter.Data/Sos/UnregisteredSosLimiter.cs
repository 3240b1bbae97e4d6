using CommandCenter.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CommandCenter.Data.Sos;

/// <summary>
/// Alarms from serials that are not registered devices count against the sending client (an API key) per minute, in
/// the bucket every node shares (<see cref="FailureThrottle"/>). A registered device is never limited: an SOS from a
/// known wristband always goes through.
/// </summary>
public sealed class UnregisteredSosLimiter(IDbContextFactory<CommandCenterDbContext> contextFactory, FailureThrottle throttle, IOptions<SosOptions> options)
{
    /// <summary>How long the client must wait when it is over <see cref="SosOptions.UnregisteredPerKeyPerMinute"/>; null to go ahead.</summary>
    public async Task<TimeSpan?> WaitAsync(string? serial, string clientId, CancellationToken cancellationToken = default)
    {
        if (await IsRegisteredAsync(serial, cancellationToken))
        {
            return null;
        }
        return throttle.LimitedFor(ThrottleKind.UnregisteredSos, clientId)
            ?? await throttle.CountAsync(ThrottleKind.UnregisteredSos, clientId, options.Value.UnregisteredPerKeyPerMinute, cancellationToken);
    }

    private async Task<bool> IsRegisteredAsync(string? serial, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(serial) || serial.Length > 32)
        {
            return false;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AnyAsync(d => d.SerialNumber == serial && !d.IsUnregistered, cancellationToken);
    }
}
