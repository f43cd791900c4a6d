using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Store;

/// <summary>A real SQLite store in a temporary folder, initialised as the server does it, with a fake clock.</summary>
internal sealed class StoreFolder : IAsyncDisposable
{
    private StoreFolder(string folder)
    {
        Folder = folder;
        Contexts = new PooledDbContextFactory<SkiffDbContext>(new DbContextOptionsBuilder<SkiffDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "skiff.db")};Pooling=False").Options);
        Environments = new EnvironmentStore(Contexts, Time);
        Recorder = new PullRequestRecorder(Contexts, Time);
    }

    public string Folder { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    public IDbContextFactory<SkiffDbContext> Contexts { get; }

    public EnvironmentStore Environments { get; }

    public PullRequestRecorder Recorder { get; }

    public static async Task<StoreFolder> CreateAsync()
    {
        var store = new StoreFolder(Directory.CreateTempSubdirectory("skiff-store-").FullName);
        await store.Environments.InitializeAsync(CancellationToken.None);
        return store;
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
