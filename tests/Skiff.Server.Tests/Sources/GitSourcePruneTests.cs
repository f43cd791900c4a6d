using Skiff.Server.Sources;
using Skiff.Tests.Shared;

namespace Skiff.Server.Tests.Sources;

public sealed class GitSourcePruneTests : IAsyncLifetime
{
    private readonly SourceHome _home = new();
    private GitRepositoryFixture _repository = null!;

    public async Task InitializeAsync() => _repository = await GitRepositoryFixture.CreateAsync();

    public async Task DisposeAsync()
    {
        await _repository.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Prune_keeps_only_the_listed_commits_of_that_repository()
    {
        var outside = Directory.CreateTempSubdirectory("skiff-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "keep.txt"), "not Skiff's");
        var second = await _repository.CommitAsync("second", tree => File.CreateSymbolicLink(Path.Combine(tree, "outside"), outside));
        var third = await _repository.CommitAsync("third", tree => File.WriteAllText(Path.Combine(tree, "third.txt"), "3"));
        var shop = SourceHome.Request(_repository.CloneUrl, _repository.InitialSha);
        var kept = await CheckoutAsync(shop with { Sha = third });
        var removed = await CheckoutAsync(shop);
        var linked = await CheckoutAsync(shop with { Sha = second });
        var other = await CheckoutAsync(shop with { Repository = "acme/other" });
        var leftover = Path.Combine(_home.CheckoutsOf("acme", "shop"), $".tmp-{second}-0123");
        Directory.CreateDirectory(leftover);
        var stranger = Path.Combine(_home.CheckoutsOf("acme", "shop"), "not-a-sha");
        Directory.CreateDirectory(stranger);

        await _home.Source.PruneAsync("acme/shop", new HashSet<string> { third.ToUpperInvariant() }, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(kept, "third.txt")));
        Assert.False(Directory.Exists(removed));
        Assert.False(Directory.Exists(linked));
        Assert.False(Directory.Exists(leftover));
        Assert.True(Directory.Exists(stranger));
        Assert.True(File.Exists(Path.Combine(other, "compose.yaml")));
        Assert.True(File.Exists(Path.Combine(outside, "keep.txt")));
        Assert.Equal(
            $"refs/skiff/commits/{third}",
            (await _repository.GitAsync(_home.Cache("acme", "shop"), CancellationToken.None, "for-each-ref", "--format=%(refname)")).Trim());
        Directory.Delete(outside, recursive: true);

        var again = await CheckoutAsync(shop);
        Assert.Equal(removed, again);
        Assert.True(File.Exists(Path.Combine(again, "compose.yaml")));
    }

    [Fact]
    public async Task Prune_of_a_repository_never_checked_out_does_nothing()
    {
        await _home.Source.PruneAsync("acme/never", new HashSet<string>(), CancellationToken.None);
        Assert.False(Directory.Exists(Path.Combine(_home.Path, "checkouts")));
    }

    private Task<string> CheckoutAsync(GitCheckoutRequest request) => _home.Source.CheckoutAsync(request, CancellationToken.None);
}
