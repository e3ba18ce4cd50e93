using LogIngest.Core.Ports;
using Xunit;

namespace LogIngest.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IQuerySlotStore"/> promises. Times are given by the claims, so expiry is
/// tested without waiting. A test class per adapter derives from this and says how to open a fresh
/// store, and how to open a second one on the same data (another host).
/// </summary>
public abstract class QuerySlotStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private IQuerySlotStore? _store;

    protected IQuerySlotStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    protected abstract Task<IQuerySlotStore> CreateStoreAsync();

    /// <summary>Another store object on the same data as <see cref="Store"/>, as a second host would open it.</summary>
    protected abstract IQuerySlotStore OpenAnotherHost();

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    protected static QuerySlotClaim Claim(string holder, DateTimeOffset now, int slots = 5) => new()
    {
        SlotCount = slots,
        Holder = holder,
        Owner = "host-" + holder,
        Now = now,
        ExpiresAt = now + Lease,
    };

    [Fact]
    public async Task TryAcquireAsync_UpToSlotCount_GivesEachClaimItsOwnSlotThenRefuses()
    {
        var leases = new List<QuerySlotLease>();
        for (var i = 0; i < 5; i++)
        {
            leases.Add(await Store.TryAcquireAsync(Claim("h" + i, T0)) ?? throw new InvalidOperationException($"claim {i} was refused"));
        }

        var sixth = await Store.TryAcquireAsync(Claim("h5", T0.AddSeconds(1)));

        Assert.Null(sixth);
        Assert.Equal([0, 1, 2, 3, 4], leases.Select(l => l.Slot).Order());
        Assert.All(leases, l => Assert.Null(l.TookOverFrom));
        Assert.All(leases, l => Assert.Equal(T0 + Lease, l.ExpiresAt));
    }

    [Fact]
    public async Task TryAcquireAsync_AnotherHostsStoreObject_SeesTheSameSlots()
    {
        var first = await Store.TryAcquireAsync(Claim("a", T0, slots: 1));

        var second = await OpenAnotherHost().TryAcquireAsync(Claim("b", T0, slots: 1));

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task TryAcquireAsync_SmallerSlotCount_LeavesHigherSlotsAlone()
    {
        await Store.TryAcquireAsync(Claim("a", T0, slots: 2));
        await Store.TryAcquireAsync(Claim("b", T0, slots: 2));

        var refused = await Store.TryAcquireAsync(Claim("c", T0, slots: 2));
        var wider = await Store.TryAcquireAsync(Claim("d", T0, slots: 3));

        Assert.Null(refused);
        Assert.Equal(2, wider?.Slot);
    }

    [Fact]
    public async Task ReleaseAsync_HeldSlot_FreesItForTheNextClaim()
    {
        var leases = new List<QuerySlotLease>();
        for (var i = 0; i < 5; i++)
        {
            leases.Add((await Store.TryAcquireAsync(Claim("h" + i, T0)))!);
        }

        var released = await Store.ReleaseAsync(leases[2]);
        var next = await Store.TryAcquireAsync(Claim("next", T0.AddSeconds(1)));
        var another = await Store.TryAcquireAsync(Claim("another", T0.AddSeconds(1)));

        Assert.True(released);
        Assert.Equal(leases[2].Slot, next?.Slot);
        Assert.Null(next!.TookOverFrom);
        Assert.Null(another);
    }

    [Fact]
    public async Task TryAcquireAsync_LeaseNotYetExpired_IsNotTakenOver()
    {
        await Store.TryAcquireAsync(Claim("a", T0, slots: 1));

        var early = await Store.TryAcquireAsync(Claim("b", T0 + Lease - TimeSpan.FromMilliseconds(1), slots: 1));

        Assert.Null(early);
    }

    [Fact]
    public async Task TryAcquireAsync_ExpiredLease_TakesItOverNamingThePreviousOwner()
    {
        var old = await Store.TryAcquireAsync(Claim("a", T0, slots: 1));

        var takeover = await Store.TryAcquireAsync(Claim("b", T0 + Lease, slots: 1));

        Assert.NotNull(takeover);
        Assert.Equal(old!.Slot, takeover.Slot);
        Assert.Equal("b", takeover.Holder);
        Assert.Equal("host-a", takeover.TookOverFrom);
        Assert.Equal(T0 + Lease, takeover.TookOverExpiredAt);
    }

    [Fact]
    public async Task TryAcquireAsync_FreeAndExpiredSlots_PrefersTheFreeOne()
    {
        var a = await Store.TryAcquireAsync(Claim("a", T0, slots: 2));
        var b = await Store.TryAcquireAsync(Claim("b", T0, slots: 2));
        await Store.ReleaseAsync(b!);

        var c = await Store.TryAcquireAsync(Claim("c", T0 + Lease + Lease, slots: 2));

        Assert.Equal(b!.Slot, c?.Slot);
        Assert.Null(c!.TookOverFrom);
        Assert.NotNull(await Store.RenewAsync(a!, T0 + Lease + Lease + Lease)); // nobody took a's expired slot: still a's
    }

    [Fact]
    public async Task RenewAsync_HeldLease_ExtendsItsExpirySoItIsNotTakenOver()
    {
        var lease = await Store.TryAcquireAsync(Claim("a", T0, slots: 1));

        var renewed = await Store.RenewAsync(lease!, T0 + Lease + Lease);
        var afterFirstExpiry = await Store.TryAcquireAsync(Claim("b", T0 + Lease + TimeSpan.FromSeconds(1), slots: 1));
        var afterRenewedExpiry = await Store.TryAcquireAsync(Claim("c", T0 + Lease + Lease, slots: 1));

        Assert.Equal(T0 + Lease + Lease, renewed?.ExpiresAt);
        Assert.Null(afterFirstExpiry);
        Assert.Equal("host-a", afterRenewedExpiry?.TookOverFrom);
    }

    [Fact]
    public async Task RenewAsync_RepeatedWithAnyOfItsLeases_KeepsTheSlotUntilReleased()
    {
        var first = (await Store.TryAcquireAsync(Claim("a", T0, slots: 1)))!;

        var second = await Store.RenewAsync(first, T0.AddSeconds(40));
        var third = await Store.RenewAsync(second!, T0.AddSeconds(50));
        var fromAnOlderCopy = await Store.RenewAsync(first, T0.AddSeconds(60));
        var released = await Store.ReleaseAsync(third!);
        var next = await Store.TryAcquireAsync(Claim("b", T0.AddSeconds(1), slots: 1));

        Assert.NotNull(second);
        Assert.NotNull(third);
        Assert.Equal(T0.AddSeconds(60), fromAnOlderCopy?.ExpiresAt);
        Assert.True(released);
        Assert.NotNull(next);
        Assert.Null(next.TookOverFrom);
    }

    [Fact]
    public async Task RenewAsync_AfterTakeover_ReturnsNullAndLeavesTheNewHolder()
    {
        var stale = (await Store.TryAcquireAsync(Claim("a", T0, slots: 1)))!;
        var taker = await OpenAnotherHost().TryAcquireAsync(Claim("b", T0 + Lease, slots: 1));

        var renewed = await Store.RenewAsync(stale, T0 + Lease + Lease + Lease);
        var third = await Store.TryAcquireAsync(Claim("c", T0 + Lease + Lease - TimeSpan.FromSeconds(1), slots: 1));

        Assert.NotNull(taker);
        Assert.Null(renewed);
        Assert.Null(third);
    }

    [Fact]
    public async Task ReleaseAsync_AfterTakeover_ReturnsFalseAndLeavesTheNewHolder()
    {
        var stale = (await Store.TryAcquireAsync(Claim("a", T0, slots: 1)))!;
        var taker = (await OpenAnotherHost().TryAcquireAsync(Claim("b", T0 + Lease, slots: 1)))!;

        var staleRelease = await Store.ReleaseAsync(stale);
        var whileTakerHolds = await Store.TryAcquireAsync(Claim("c", T0 + Lease + TimeSpan.FromSeconds(1), slots: 1));
        var takerRelease = await Store.ReleaseAsync(taker);
        var afterTakerReleased = await Store.TryAcquireAsync(Claim("d", T0 + Lease + TimeSpan.FromSeconds(2), slots: 1));

        Assert.False(staleRelease);
        Assert.Null(whileTakerHolds);
        Assert.True(takerRelease);
        Assert.NotNull(afterTakerReleased);
    }

    [Fact]
    public async Task TryAcquireAsync_ManyHostsAtOnce_GiveEachSlotToExactlyOne()
    {
        var hosts = Enumerable.Range(0, 4).Select(_ => OpenAnotherHost()).Append(Store).ToList();

        var leases = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => hosts[i % hosts.Count].TryAcquireAsync(Claim("h" + i, T0)))));

        var granted = leases.OfType<QuerySlotLease>().ToList();
        Assert.Equal(5, granted.Count);
        Assert.Equal([0, 1, 2, 3, 4], granted.Select(l => l.Slot).Order());
    }
}
