using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Store;

/// <summary>A real SQLite store in a temporary folder, as the server makes it, with a fake clock.</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private TestStore(string folder, FakeTimeProvider time)
    {
        Folder = folder;
        Time = time;
        Contexts = new PooledDbContextFactory<SkiffDbContext>(new DbContextOptionsBuilder<SkiffDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "skiff.db")};Pooling=False").Options);
        Environments = new EnvironmentStore(Contexts, time);
        Usage = new UsageStore(Contexts);
        Recorder = new PullRequestRecorder(Contexts, time);
    }

    public static readonly DateTimeOffset Start = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public string Folder { get; }

    public FakeTimeProvider Time { get; }

    public IDbContextFactory<SkiffDbContext> Contexts { get; }

    public EnvironmentStore Environments { get; }

    public UsageStore Usage { get; }

    public PullRequestRecorder Recorder { get; }

    public static async Task<TestStore> CreateAsync(DateTimeOffset? now = null)
    {
        var store = new TestStore(Directory.CreateTempSubdirectory("skiff-cost-").FullName, new FakeTimeProvider(now ?? Start));
        await store.Environments.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>Stores an environment record (a PR one when <paramref name="repository"/> is given).</summary>
    public async Task AddEnvironmentAsync(string name, string? repository = null, string? author = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        db.Environments.Add(new EnvironmentRecord
        {
            Name = name,
            SourceKind = "directory",
            SourcePath = "/tmp",
            Desired = Core.Environments.DesiredState.Running,
            Phase = Core.Environments.EnvironmentPhase.Ready,
            CreatedAt = Time.GetUtcNow(),
            Repository = repository,
            Author = author,
            PullRequest = repository is null ? null : 7,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Runs SQL straight on the database (to make a store look like an older version's).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
