using Microsoft.EntityFrameworkCore;

namespace Skiff.Server.Store;

/// <summary>The server's store: SQLite under SKIFF_HOME by default.</summary>
public sealed class SkiffDbContext(DbContextOptions<SkiffDbContext> options) : DbContext(options)
{
    public DbSet<EnvironmentRecord> Environments => Set<EnvironmentRecord>();

    public DbSet<DeploymentRecord> Deployments => Set<DeploymentRecord>();

    public DbSet<EventRecord> Events => Set<EventRecord>();

    public DbSet<DeliveryRecord> Deliveries => Set<DeliveryRecord>();

    public DbSet<UsageRecord> Usage => Set<UsageRecord>();

    public DbSet<PullRequestNameRecord> PullRequestNames => Set<PullRequestNameRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // States are stored by name, as they always were: the columns stay text, old stores read as they are.
        modelBuilder.Entity<EnvironmentRecord>(entity =>
        {
            entity.HasKey(e => e.Name);
            entity.Property(e => e.Desired).HasConversion<string>();
            entity.Property(e => e.Phase).HasConversion<string>();
        });
        modelBuilder.Entity<DeploymentRecord>(entity =>
        {
            entity.HasKey(d => d.Id);
            entity.HasIndex(d => d.EnvironmentName);
            entity.Property(d => d.Outcome).HasConversion<string>();
        });
        modelBuilder.Entity<EventRecord>(entity =>
        {
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => e.EnvironmentName);
        });
        modelBuilder.Entity<DeliveryRecord>(entity => entity.HasKey(d => d.Id));
        // Unique by repository (any case) and number too: StoreSchema adds that index in SQL.
        modelBuilder.Entity<PullRequestNameRecord>(entity => entity.HasKey(n => n.Name));
        modelBuilder.ApplyConfiguration(new UsageRecordConfiguration());
    }
}
