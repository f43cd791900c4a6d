using Skiff.Core.Units;

namespace Skiff.Core.Tests.Units;

public class ByteSizeTests
{
    [Theory]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("512MiB", 512L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("2gb", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5GiB", 1536L * 1024 * 1024)]
    [InlineData("1024", 1024)]
    [InlineData("64k", 65536)]
    public void Parses_docker_and_binary_forms(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("12q")]
    [InlineData("-1g")]
    public void Rejects_what_is_not_a_size(string text) => Assert.False(ByteSize.TryParse(text, out _));

    [Fact]
    public void Formats_round_trip() => Assert.Equal("1.5GiB", ByteSize.Format(1536L * 1024 * 1024));
}
