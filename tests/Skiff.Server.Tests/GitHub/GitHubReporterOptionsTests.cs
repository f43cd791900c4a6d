using Skiff.Server.GitHub;

namespace Skiff.Server.Tests.GitHub;

public sealed class GitHubReporterOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => new GitHubReporterOptions().Validate();

    [Theory]
    [InlineData(0, 6, "MaxParallelDeliveries must be at least 1 (it is 0)")]
    [InlineData(4, 0, "MaxAttempts must be at least 1 (it is 0)")]
    public void Out_of_range_values_are_refused_by_name(int parallel, int attempts, string message)
    {
        var options = new GitHubReporterOptions { MaxParallelDeliveries = parallel, MaxAttempts = attempts };

        Assert.Equal(message, Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public void The_log_url_template_takes_the_environment_name() =>
        Assert.Equal("http://skiff:7070/environments/shop-pr-7", new GitHubReporterOptions { LogUrlTemplate = "http://skiff:7070/environments/{environment}" }.LogUrlFor("shop-pr-7"));
}
