using Microsoft.EntityFrameworkCore;
using Skiff.Core.PullRequests;
using Skiff.Server.Store;

namespace Skiff.Server.Tests.Store;

/// <summary>
/// How pull requests get and keep environment names, over a real SQLite store: two owners with one
/// repository name never share an environment, in any order of their events; a name is kept for a
/// pull request's life (and after), and a clash is refused, never overwritten.
/// </summary>
public sealed class PullRequestRecorderTests
{
    private static readonly string[] Served = ["acme/shop", "other/shop"];

    private static PullRequestTrigger Trigger(string repository, int number, string action, string sha, string[]? served = null) =>
        PullRequestTriggers.For(repository, number, action, sha, served ?? Served);

    private static string Sha(char c) => new(c, 40);

    /// <summary>Every order of opened → synchronize → closed for acme/shop#1 and other/shop#1 (20 interleavings).</summary>
    public static IEnumerable<object[]> Interleavings()
    {
        static IEnumerable<string> Orders(int acme, int other) =>
            acme == 0 && other == 0 ? [""]
            : (acme > 0 ? Orders(acme - 1, other).Select(rest => "a" + rest) : [])
                .Concat(other > 0 ? Orders(acme, other - 1).Select(rest => "o" + rest) : []);
        return Orders(3, 3).Select(order => new object[] { order });
    }

    [Theory]
    [MemberData(nameof(Interleavings))]
    public async Task Two_owners_with_one_repository_name_never_touch_each_others_environment(string order)
    {
        await using var store = await TestStore.CreateAsync();
        var steps = new Dictionary<char, Queue<(string Action, string Sha)>>
        {
            ['a'] = new([("opened", Sha('1')), ("synchronize", Sha('2')), ("closed", Sha('2'))]),
            ['o'] = new([("opened", Sha('a')), ("synchronize", Sha('b')), ("closed", Sha('b'))]),
        };
        var names = new Dictionary<char, string>();
        foreach (var who in order)
        {
            var repository = who == 'a' ? "acme/shop" : "other/shop";
            var otherName = names.GetValueOrDefault(who == 'a' ? 'o' : 'a');
            var otherBefore = otherName is null ? null : await store.Environments.FindAsync(otherName, CancellationToken.None);
            var (action, sha) = steps[who].Dequeue();

            var recording = await store.Recorder.RecordAsync(Trigger(repository, 1, action, sha), CancellationToken.None);

            Assert.Equal(TriggerOutcome.Recorded, recording.Outcome);
            var name = recording.Environment!;
            Assert.Equal(names.GetValueOrDefault(who, name), name);
            names[who] = name;
            var record = (await store.Environments.FindAsync(name, CancellationToken.None))!;
            Assert.Equal(repository, record.Repository);
            Assert.Equal(sha, record.HeadSha);
            Assert.Equal(action == "closed" ? "Absent" : "Running", record.Desired.ToString());
            if (otherBefore is not null)
            {
                var otherAfter = (await store.Environments.FindAsync(otherName!, CancellationToken.None))!;
                Assert.Equal((otherBefore.Repository, otherBefore.HeadSha, otherBefore.Generation, otherBefore.Desired, otherBefore.SourcePath),
                    (otherAfter.Repository, otherAfter.HeadSha, otherAfter.Generation, otherAfter.Desired, otherAfter.SourcePath));
            }
        }
        Assert.Equal("acme-shop-pr-1", names['a']);
        Assert.Equal("other-shop-pr-1", names['o']);
    }

    [Fact]
    public async Task A_pull_request_keeps_its_name_after_it_closes_and_nobody_else_gets_it()
    {
        await using var store = await TestStore.CreateAsync();
        string[] acmeAlone = ["acme/shop"];
        var first = await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "opened", Sha('1'), acmeAlone), CancellationToken.None);
        Assert.Equal("shop-pr-1", first.Environment);
        await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "closed", Sha('1'), acmeAlone), CancellationToken.None);
        await store.Environments.DeleteAsync("shop-pr-1", (await store.Environments.FindAsync("shop-pr-1", CancellationToken.None))!.Generation, CancellationToken.None);

        // acme/shop is no longer served; other/shop alone would like the short name.
        var other = await store.Recorder.RecordAsync(Trigger("other/shop", 1, "opened", Sha('a'), ["other/shop"]), CancellationToken.None);
        var reopened = await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "reopened", Sha('1'), acmeAlone), CancellationToken.None);

        Assert.Equal("other-shop-pr-1", other.Environment);
        Assert.Equal("shop-pr-1", reopened.Environment);
        Assert.Equal("acme/shop", (await store.Environments.FindAsync("shop-pr-1", CancellationToken.None))!.Repository);
    }

    [Fact]
    public async Task A_repository_spelled_in_another_case_finds_its_pull_request()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Recorder.RecordAsync(Trigger("acme/shop", 4, "opened", Sha('1')), CancellationToken.None);

        var again = await store.Recorder.RecordAsync(Trigger("ACME/Shop", 4, "synchronize", Sha('2')), CancellationToken.None);

        Assert.Equal("acme-shop-pr-4", again.Environment);
        Assert.Equal(2, (await store.Environments.FindAsync("acme-shop-pr-4", CancellationToken.None))!.Generation);
    }

    [Fact]
    public async Task A_folder_environment_cannot_take_a_pull_requests_name()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Recorder.RecordAsync(Trigger("acme/shop", 2, "opened", Sha('1')), CancellationToken.None);

        var taken = await Assert.ThrowsAsync<NameTakenException>(() =>
            store.Environments.RequestRunningAsync("acme-shop-pr-2", "directory", "/srv/elsewhere", CancellationToken.None));

        Assert.Contains("acme/shop#2", taken.Message);
        var record = (await store.Environments.FindAsync("acme-shop-pr-2", CancellationToken.None))!;
        Assert.Equal(("git", 1L), (record.SourceKind, record.Generation));
    }

    [Fact]
    public async Task A_pull_request_whose_names_are_all_held_is_refused_and_nothing_is_overwritten()
    {
        await using var store = await TestStore.CreateAsync();
        var trigger = Trigger("acme/shop", 3, "opened", Sha('1'), ["acme/shop"]);
        foreach (var name in trigger.Names)
            await store.Environments.RequestRunningAsync(name, "directory", $"/srv/{name}", CancellationToken.None);

        var recording = await store.Recorder.RecordAsync(trigger, CancellationToken.None);

        Assert.Equal(TriggerOutcome.Clash, recording.Outcome);
        Assert.Null(recording.Environment);
        Assert.Contains("acme/shop#3", recording.Clash);
        foreach (var name in trigger.Names)
        {
            var record = (await store.Environments.FindAsync(name, CancellationToken.None))!;
            Assert.Equal(("directory", $"/srv/{name}", (string?)null, 1L), (record.SourceKind, record.SourcePath, record.Repository, record.Generation));
        }
        Assert.Contains(await store.Environments.ListEventsAsync(trigger.Names[0], 10, CancellationToken.None), e => e.Kind == "clash");
    }

    [Fact]
    public async Task A_close_for_a_pull_request_without_an_environment_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        await store.Recorder.RecordAsync(Trigger("acme/shop", 1, "opened", Sha('1')), CancellationToken.None);

        var closed = await store.Recorder.RecordAsync(Trigger("other/shop", 1, "closed", Sha('a')), CancellationToken.None);

        Assert.Equal(TriggerOutcome.NothingToDo, closed.Outcome);
        Assert.Equal("Running", (await store.Environments.FindAsync("acme-shop-pr-1", CancellationToken.None))!.Desired.ToString());
        await using var db = await store.Contexts.CreateDbContextAsync();
        Assert.Single(await db.Environments.ToListAsync());
    }
}
