using CommandCenter.Data.Hierarchy;

namespace CommandCenter.Data.Tests.Hierarchy;

public class HierarchyCodeTests
{
    [Theory]
    [InlineData("610202", HierarchyLevel.District)]
    [InlineData("610202001", HierarchyLevel.Street)]
    [InlineData("610202001002", HierarchyLevel.Community)]
    [InlineData("610202001002003", HierarchyLevel.Grid)]
    public void Levels_follow_the_code_length(string code, HierarchyLevel level)
    {
        Assert.Equal(level, HierarchyCode.LevelOf(code));
        Assert.True(HierarchyCode.IsValid(code));
    }

    [Theory]
    [InlineData("61020")]
    [InlineData("61020200100A")]
    [InlineData("６１０２０２")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_codes_are_invalid(string? code) => Assert.False(HierarchyCode.IsValid(code));

    [Fact]
    public void Scope_is_a_code_prefix()
    {
        Assert.True(HierarchyCode.IsWithin("610202001002003", "610202001"));
        Assert.True(HierarchyCode.IsWithin("610202001002003", null));
        Assert.False(HierarchyCode.IsWithin("610202002002003", "610202001"));
        Assert.Equal("610202001002", HierarchyCode.Child("610202001", 2));
    }
}
