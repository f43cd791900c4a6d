using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Skiff.Core.PullRequests;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Store;

/// <summary>A store written by an earlier Skiff is brought up to date in place: nothing renamed, nothing lost.</summary>
public sealed class StoreSchemaTests
{
    /// <summary>Makes the store look like one from before the name registry, held generations and the cost meter.</summary>
    private static async Task MakeOldAsync(TestStore store)
    {
        await store.ExecuteAsync("DROP INDEX \"IX_Environments_PullRequest\"");
        await store.ExecuteAsync("DROP TABLE \"PullRequestNames\"");
        await store.ExecuteAsync("DROP TABLE \"Usage\"");
        await store.ExecuteAsync("ALTER TABLE \"Environments\" DROP COLUMN \"HeldGeneration\"");
    }

    [Fact]
    public async Task An_old_store_gets_the_new_tables_columns_and_indexes_and_keeps_its_rows()
    {
        await using var store = await TestStore.CreateAsync();
        await MakeOldAsync(store);
        await store.ExecuteAsync("""
            INSERT INTO Environments (Name, SourceKind, SourcePath, Desired, Phase, Generation, ObservedGeneration, CreatedAt, UpdatedAt,
                                      ServicesJson, WarningsJson, Repository, PullRequest, HeadSha, FromFork, ReservedMemoryBytes)
            VALUES ('shop-pr-1', 'git', 'https://github.com/acme/shop.git', 'Running', 'Ready', 3, 3, '2026-11-01 10:00:00+00:00',
                    '2026-11-01 10:00:00+00:00', '[]', '[]', 'acme/shop', 1, '1111111111111111111111111111111111111111', 0, 0)
            """);

        await store.Environments.InitializeAsync(CancellationToken.None);
        await store.Environments.InitializeAsync(CancellationToken.None);

        var kept = (await store.Environments.FindAsync("shop-pr-1", CancellationToken.None))!;
        Assert.Equal((3L, "Ready", (long?)null), (kept.Generation, kept.Phase.ToString(), kept.HeldGeneration));
        await using var db = await store.Contexts.CreateDbContextAsync();
        var given = Assert.Single(await db.PullRequestNames.ToListAsync());
        Assert.Equal(("shop-pr-1", "acme/shop", 1L), (given.Name, given.Repository, given.PullRequest));
        Assert.Empty(await db.Usage.ToListAsync());
        await Assert.ThrowsAsync<SqliteException>(() => store.ExecuteAsync(
            "INSERT INTO PullRequestNames (Name, Repository, PullRequest, GivenAt) VALUES ('another', 'ACME/shop', 1, '2026-12-01')"));
    }

    [Fact]
    public async Task After_a_second_repository_of_the_same_name_is_served_the_first_keeps_its_environments_name()
    {
        await using var store = await TestStore.CreateAsync();
        string[] before = ["acme/shop"];
        string[] after = ["acme/shop", "other/shop"];
        var opened = await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "opened", before), CancellationToken.None);
        await MakeOldAsync(store);
        await store.Environments.InitializeAsync(CancellationToken.None);

        var pushed = await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "synchronize", after), CancellationToken.None);
        var other = await store.Recorder.RecordAsync(Trigger("other/shop", 1, "opened", after), CancellationToken.None);
        var newer = await store.Recorder.RecordAsync(Trigger("acme/shop", 2, "opened", after), CancellationToken.None);

        Assert.Equal("shop-pr-1", opened.Environment);
        Assert.Equal(("shop-pr-1", 2L), (pushed.Environment, pushed.Generation));
        Assert.Equal("other-shop-pr-1", other.Environment);
        Assert.Equal("acme-shop-pr-2", newer.Environment);
    }

    private static PullRequestTrigger Trigger(string repository, int number, string action, string[] served) =>
        PullRequestTriggers.For(repository, number, action, new string('1', 40), served);
}
