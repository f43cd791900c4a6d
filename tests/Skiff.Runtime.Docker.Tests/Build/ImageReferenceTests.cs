using Skiff.Runtime.Docker.Build;

namespace Skiff.Runtime.Docker.Tests.Build;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("postgres", "postgres:latest")]
    [InlineData("postgres:15", "postgres:15")]
    [InlineData("localhost:5000/team/api", "localhost:5000/team/api:latest")]
    [InlineData("localhost:5000/team/api:2", "localhost:5000/team/api:2")]
    [InlineData("redis@sha256:abc", "redis@sha256:abc")]
    public void An_untagged_reference_gets_latest(string image, string expected) =>
        Assert.Equal(expected, ImageReference.WithDefaultTag(image));

    [Theory]
    [InlineData("initializing source docker://alpine:3: pinging container registry registry-1.docker.io: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host", true)]
    [InlineData("manifest for postgres:99 not found: manifest unknown", false)]
    public void Unreachable_registries_are_told_apart(string error, bool unreachable) =>
        Assert.Equal(unreachable, ImageReference.IsUnreachable(error));
}
