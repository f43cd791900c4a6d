using System.Formats.Tar;
using Skiff.Core.Runtime;
using Skiff.Runtime.Docker.Containers;

namespace Skiff.Runtime.Docker.Tests.Containers;

public sealed class SingleFileArchiveTests
{
    [Fact]
    public void The_archive_holds_only_the_file_relative_to_the_root()
    {
        using var archive = SingleFileArchive.Create("/etc/app//conf.d/a.json", "{}"u8.ToArray(), DateTimeOffset.UnixEpoch);

        using var reader = new TarReader(archive);
        var entry = reader.GetNextEntry(copyData: true)!;
        Assert.Equal("etc/app/conf.d/a.json", entry.Name);
        Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
        Assert.Equal(2, entry.Length);
        Assert.Null(reader.GetNextEntry());
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("/")]
    [InlineData("/etc/")]
    [InlineData("/etc/../root/x")]
    public void Paths_that_are_not_absolute_files_are_refused(string path) =>
        Assert.Throws<DriverException>(() => SingleFileArchive.EntryName(path));
}
