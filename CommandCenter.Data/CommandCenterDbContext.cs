using CommandCenter.Data.Auditing;
using CommandCenter.Data.Hierarchy;
using CommandCenter.Data.Identity;
using CommandCenter.Data.Idempotency;
using CommandCenter.Data.Imports;
using CommandCenter.Data.Incidents;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.Patrols;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;
using CommandCenter.Data.Ratings;
using CommandCenter.Data.ServiceOrders;
using CommandCenter.Data.Sos;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommandCenter.Data;

/// <summary>
/// The whole domain. Each database provider has a subclass (see Providers/) that owns its migrations;
/// everything else uses this type.
/// </summary>
public abstract class CommandCenterDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<Street> Streets => Set<Street>();
    public DbSet<Community> Communities => Set<Community>();
    public DbSet<Grid> Grids => Set<Grid>();

    public DbSet<Building> Buildings => Set<Building>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<GridWorker> GridWorkers => Set<GridWorker>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<CityComponent> CityComponents => Set<CityComponent>();
    public DbSet<Device> Devices => Set<Device>();

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationMembership> OrganizationMemberships => Set<OrganizationMembership>();

    public DbSet<IncidentCategory> IncidentCategories => Set<IncidentCategory>();
    public DbSet<HandlingUnit> HandlingUnits => Set<HandlingUnit>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentHistory> IncidentHistory => Set<IncidentHistory>();
    public DbSet<Supervision> Supervisions => Set<Supervision>();

    public DbSet<Patrol> Patrols => Set<Patrol>();
    public DbSet<PatrolCheckIn> PatrolCheckIns => Set<PatrolCheckIn>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<CallBack> CallBacks => Set<CallBack>();
    public DbSet<ServiceOrder> ServiceOrders => Set<ServiceOrder>();
    public DbSet<MicroWish> MicroWishes => Set<MicroWish>();
    public DbSet<SosAlert> SosAlerts => Set<SosAlert>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<FailureCounter> FailureCounters => Set<FailureCounter>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CommandCenterDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RejectAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RejectAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit log is append-only.</summary>
    private void RejectAuditChanges()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit log is append-only: entries cannot be changed or deleted.");
            }
        }
    }
}
