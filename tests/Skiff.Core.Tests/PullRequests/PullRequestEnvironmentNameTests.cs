using Skiff.Core.Naming;
using Skiff.Core.PullRequests;

namespace Skiff.Core.Tests.PullRequests;

public class PullRequestEnvironmentNameTests
{
    [Theory]
    [InlineData("acme/shop", 7, "shop-pr-7")]
    [InlineData("acme/My_Repo.js", 12, "my-repo-js-pr-12")]
    public void A_repository_whose_name_nobody_shares_gets_the_short_name_first(string repository, long number, string expected) =>
        Assert.Equal(expected, PullRequestEnvironmentName.Candidates(repository, number, ownerQualified: false)[0]);

    [Fact]
    public void The_owner_form_follows_and_a_hashed_form_is_the_last_resort()
    {
        var candidates = PullRequestEnvironmentName.Candidates("acme/shop", 7, ownerQualified: false);

        Assert.Equal(3, candidates.Count);
        Assert.Equal("acme-shop-pr-7", candidates[1]);
        Assert.Matches("^acme-shop-[0-9a-f]{6}-pr-7$", candidates[2]);
    }

    [Fact]
    public void A_shared_name_starts_with_the_owner_form()
    {
        var candidates = PullRequestEnvironmentName.Candidates("other/shop", 1, ownerQualified: true);

        Assert.Equal("other-shop-pr-1", candidates[0]);
        Assert.DoesNotContain("shop-pr-1", candidates);
    }

    [Fact]
    public void Two_owners_never_get_the_same_owner_forms()
    {
        var acme = PullRequestEnvironmentName.Candidates("acme/shop", 1, ownerQualified: true);
        var other = PullRequestEnvironmentName.Candidates("other/shop", 1, ownerQualified: true);

        Assert.Empty(acme.Intersect(other));
    }

    [Fact]
    public void Long_names_are_cut_with_a_hash_so_the_pr_number_stays_and_they_stay_apart()
    {
        var owner = new string('o', 39);
        var first = PullRequestEnvironmentName.Candidates($"{owner}/{new string('r', 80)}a", 2147483647, ownerQualified: true);
        var second = PullRequestEnvironmentName.Candidates($"{owner}/{new string('r', 80)}b", 2147483647, ownerQualified: true);

        Assert.All(first.Concat(second), name =>
        {
            Assert.True(DnsLabel.IsValid(name), name);
            Assert.EndsWith("-pr-2147483647", name);
        });
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Names_that_only_differ_in_punctuation_differ_in_their_hashed_form()
    {
        var dotted = PullRequestEnvironmentName.Candidates("acme/my.shop", 3, ownerQualified: false);
        var dashed = PullRequestEnvironmentName.Candidates("acme/my-shop", 3, ownerQualified: false);

        Assert.Equal(dotted[0], dashed[0]);
        Assert.NotEqual(dotted[^1], dashed[^1]);
    }

    [Theory]
    [InlineData("acme/shop", new[] { "acme/shop", "acme/api" }, false)]
    [InlineData("acme/shop", new[] { "acme/shop", "other/shop" }, true)]
    [InlineData("acme/shop", new[] { "acme/shop", "other/Shop" }, true)]
    [InlineData("acme/my-shop", new[] { "acme/my-shop", "other/my.shop" }, true)]
    [InlineData("acme/shop", new[] { "ACME/shop" }, false)]
    public void The_owner_is_needed_when_another_served_repository_has_the_same_name(string repository, string[] served, bool expected) =>
        Assert.Equal(expected, PullRequestEnvironmentName.NeedsOwner(repository, served));

    [Fact]
    public void A_name_that_is_not_owner_slash_repo_is_refused() =>
        Assert.Throws<ArgumentException>(() => PullRequestEnvironmentName.Candidates("shop", 1, ownerQualified: false));
}
