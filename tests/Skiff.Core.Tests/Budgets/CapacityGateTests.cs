using Skiff.Core.Budgets;

namespace Skiff.Core.Tests.Budgets;

public class CapacityGateTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [Fact]
    public void No_limits_admit_everything() =>
        Assert.Equal(Admission.Yes, CapacityGate.Admit(new CapacityLimits(), 1000, 1000 * GiB, 64 * GiB));

    [Fact]
    public void The_running_count_is_a_hard_limit()
    {
        var limits = new CapacityLimits(MaxRunning: 5);

        Assert.True(CapacityGate.Admit(limits, 4, 0, GiB).Admitted);
        Assert.Equal(new Admission(false, "5 of at most 5 environments are running (capacity.maxRunning)"), CapacityGate.Admit(limits, 5, 0, GiB));
    }

    [Fact]
    public void Memory_fits_up_to_the_limit_exactly()
    {
        var limits = new CapacityLimits(MaxReservedMemoryBytes: 2 * GiB);

        Assert.True(CapacityGate.Admit(limits, 1, GiB, GiB).Admitted); // 1 + 1 = 2 GiB
        var refused = CapacityGate.Admit(limits, 1, 3 * GiB / 2, GiB);
        Assert.False(refused.Admitted);
        Assert.Equal("running environments reserve 1.5GiB of 2GiB memory and it needs 1GiB (capacity.maxReservedMemory)", refused.Reason);
    }

    [Fact]
    public void An_environment_bigger_than_the_whole_limit_says_it_will_never_fit()
    {
        var refused = CapacityGate.Admit(new CapacityLimits(MaxReservedMemoryBytes: 2 * GiB), 0, 0, 4 * GiB);
        Assert.Equal("it needs 4GiB of memory, more than the 2GiB all environments may reserve (capacity.maxReservedMemory)", refused.Reason);
    }

    [Fact]
    public void Both_limits_apply()
    {
        var limits = new CapacityLimits(MaxRunning: 3, MaxReservedMemoryBytes: 4 * GiB);

        Assert.True(CapacityGate.Admit(limits, 2, 2 * GiB, GiB).Admitted);
        Assert.Contains("maxRunning", CapacityGate.Admit(limits, 3, 0, GiB).Reason);
        Assert.Contains("maxReservedMemory", CapacityGate.Admit(limits, 2, 7 * GiB / 2, GiB).Reason);
    }
}
