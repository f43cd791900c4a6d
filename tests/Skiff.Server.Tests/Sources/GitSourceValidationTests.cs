using Skiff.Server.Sources;

namespace Skiff.Server.Tests.Sources;

public sealed class GitSourceValidationTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Url = "https://github.com/acme/shop.git";
    private readonly SourceHome _home = new();

    public void Dispose() => _home.Dispose();

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned", "clone URL 'ext::sh -c touch% /tmp/pwned' is not a URL or an absolute path")]
    [InlineData("ext::sh", "clone URL 'ext::sh' must be https://, file:// or an absolute path")]
    [InlineData("--upload-pack=touch /tmp/pwned", "clone URL '--upload-pack=touch /tmp/pwned' is empty, too long, option-like or has control characters")]
    [InlineData("-oProxyCommand=x", "clone URL '-oProxyCommand=x' is empty, too long, option-like or has control characters")]
    [InlineData("ssh://git@github.com/acme/shop.git", "clone URL 'ssh://***@github.com/acme/shop.git' must be https://, file:// or an absolute path")]
    [InlineData("git@github.com:acme/shop.git", "clone URL 'git@github.com:acme/shop.git' is not a URL or an absolute path")]
    [InlineData("git://github.com/acme/shop.git", "clone URL 'git://github.com/acme/shop.git' must be https://, file:// or an absolute path")]
    [InlineData("http://example.com/acme/shop.git", "clone URL 'http://example.com/acme/shop.git' uses plain http, which is allowed only for 127.0.0.1 and localhost")]
    [InlineData("https://user:secret@github.com/acme/shop.git", "clone URL 'https://***@github.com/acme/shop.git' carries credentials; pass the token separately")]
    [InlineData("relative/path", "clone URL 'relative/path' is not a URL or an absolute path")]
    [InlineData("file://server/share/repo.git", "clone URL 'file://server/share/repo.git' must be https://, file:// or an absolute path")]
    [InlineData("", "clone URL '' is empty, too long, option-like or has control characters")]
    [InlineData("https://github.com/a\nb", "clone URL 'https://github.com/a?b' is empty, too long, option-like or has control characters")]
    public async Task Clone_urls_other_than_https_file_local_or_loopback_http_are_refused(string url, string message)
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => CheckoutAsync(SourceHome.Request(url, Sha)));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("acme/shop/extra")]
    [InlineData("../shop")]
    [InlineData("acme/..")]
    [InlineData("acme/.")]
    [InlineData(".hidden/shop")]
    [InlineData("-acme/shop")]
    [InlineData("acme/sh op")]
    [InlineData("acme/shop;rm")]
    [InlineData("/shop")]
    [InlineData("acme/")]
    public async Task Repository_names_must_be_owner_slash_name(string repository)
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => CheckoutAsync(SourceHome.Request(Url, Sha, repository: repository)));
        Assert.StartsWith($"repository '{repository}' is not owner/name", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("main")]
    [InlineData("0123456")]
    [InlineData("0123456789abcdef0123456789abcdef0123456g")]
    [InlineData("--all")]
    [InlineData("0123456789abcdef0123456789abcdef012345678")]
    public async Task Commits_must_be_40_hex_digits(string sha)
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => CheckoutAsync(SourceHome.Request(Url, sha)));
        Assert.Equal($"commit '{sha}' is not a full 40-character hexadecimal id", error.Message);
    }

    [Theory]
    [InlineData("--upload-pack=x")]
    [InlineData("refs/pull/7/head:refs/heads/main")]
    [InlineData("refs/../../x")]
    [InlineData("refs/pull/7/head.lock")]
    [InlineData("+refs/pull/7/head")]
    [InlineData("refs/pull/7/head^")]
    [InlineData("refs/heads/a b")]
    public async Task Refs_must_be_plain_ref_names(string reference)
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => CheckoutAsync(SourceHome.Request(Url, Sha, reference)));
        Assert.Equal($"ref '{reference}' is not a valid ref name (such as refs/pull/7/head)", error.Message);
    }

    [Fact]
    public async Task Refused_requests_create_nothing_under_home()
    {
        await Assert.ThrowsAsync<GitSourceException>(() => CheckoutAsync(SourceHome.Request("ext::sh", Sha)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_home.Path));
    }

    [Fact]
    public async Task Upper_case_names_and_commits_land_in_lower_case_folders()
    {
        using var repository = await Skiff.Tests.Shared.GitRepositoryFixture.CreateAsync();
        var folder = await CheckoutAsync(SourceHome.Request(repository.BarePath, repository.InitialSha.ToUpperInvariant(), repository: "Acme/Shop"));
        Assert.Equal(Path.Combine(_home.CheckoutsOf("acme", "shop"), repository.InitialSha), folder);
    }

    [Fact]
    public async Task Prune_refuses_a_bad_repository_name()
    {
        var error = await Assert.ThrowsAsync<GitSourceException>(() => _home.Source.PruneAsync("../..", new HashSet<string>(), CancellationToken.None));
        Assert.StartsWith("repository '../..' is not owner/name", error.Message);
    }

    private Task<string> CheckoutAsync(GitCheckoutRequest request) => _home.Source.CheckoutAsync(request, CancellationToken.None);
}
