using CommandCenter.Data.Analytics;
using CommandCenter.Data.Objects;
using CommandCenter.Data.Organizations;
using CommandCenter.Data.People;
using CommandCenter.Data.Places;

namespace CommandCenter.Data.Registry;

/// <summary>One page of a registry list; <see cref="Total"/> counts every match.</summary>
public sealed record RegistryResultPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static int ClampSize(int size) => Math.Clamp(size, 1, MaxSize);
}

/// <summary>A node of the registry picker: its path from the district down and its children.</summary>
public sealed record RegistryNode(AnalyticsNode Node, IReadOnlyList<AnalyticsNode> Path, IReadOnlyList<AnalyticsNode> Children);

/// <summary>A resident as the registry shows one: name, ID number and phone masked on the server.</summary>
public sealed record ResidentRecord(
    int Id, string Name, string IdNumber, string? Phone, Gender Gender, int Age, ResidentType Type, KeyGroups KeyGroups,
    bool IsPartyMember, bool IsHouseholdHead, string GridCode, string GridName, string BuildingCode, string Room, string Household);

/// <summary>A revealed resident (after a reason was given and audited): the full values, for one record only.</summary>
public sealed record RevealedResident(int Id, string Name, string IdNumber, string? Phone);

public sealed record BuildingRecord(int Id, string Code, string Name, string Address, int Floors, int Units, string GridCode, string GridName, int Rooms, int Residents);

public sealed record PlaceRecord(int Id, string Name, PlaceKind Kind, bool IsKeyPlace, string Address, string GridCode, string GridName);

public sealed record ComponentRecord(int Id, string Code, string MajorName, string MinorName, ComponentState State, string Owner, string GridCode, string GridName);

public sealed record OrganizationRecord(int Id, string Name, OrganizationKind Kind, string AreaCode, string? CreditCode, string? Industry, int MemberCount, DateOnly FoundedOn);

/// <summary>The key-group counts of one grid (一老一小一特).</summary>
public sealed record KeyGroupGrid(string GridCode, string GridName, int Aged60Plus, int LivingAlone, int Children, int LeftBehind, int Disabled, int SpecialCare);

/// <summary>The three key-group lists: 一老 (60岁以上/独居), 一小 (未成年/留守), 一特 (残疾/特殊关爱).</summary>
public enum KeyGroupList
{
    Elderly = 0,
    Young = 1,
    Special = 2,
}

/// <summary>An edit of a resident's registry fields (not name or ID number, which come from the household register).</summary>
public sealed record ResidentEdit(string? Phone, ResidentType Type, KeyGroups KeyGroups, bool IsPartyMember);

public sealed record BuildingEdit(string Name, string Address, int Floors);

/// <summary>Who acts on the registry: the user, whether the user may unmask, and the part of the hierarchy the user may see.</summary>
public sealed record RegistryActor(string? UserId, string UserName, string? ScopeCode, bool MayUnmask, string? RemoteIp = null);
