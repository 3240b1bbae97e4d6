namespace CommandCenter.Data.Demo.Geometry;

/// <summary>
/// Cuts a contiguous set of tiling cells into contiguous groups of similar size (streets out of the district,
/// communities out of a street): far-apart seeds, then balanced breadth-first growth, leftovers joining a neighbour.
/// </summary>
public static class RegionPartition
{
    public static List<List<int>> Split(LatticeTiling tiling, IReadOnlyList<int> cells, int groups)
    {
        groups = Math.Clamp(groups, 1, cells.Count);
        var member = cells.ToHashSet();
        var owner = cells.ToDictionary(c => c, _ => -1);
        var seeds = PickSeeds(tiling, cells, groups);
        var regions = seeds.Select(s => new List<int> { s }).ToList();
        var frontiers = seeds.Select(_ => new SortedSet<int>()).ToList();
        for (var r = 0; r < groups; r++)
        {
            owner[seeds[r]] = r;
        }
        for (var r = 0; r < groups; r++)
        {
            AddFrontier(tiling, member, owner, frontiers[r], seeds[r]);
        }

        var quota = new int[groups];
        for (var r = 0; r < groups; r++)
        {
            quota[r] = (cells.Count / groups) + (r < cells.Count % groups ? 1 : 0);
        }
        var growing = true;
        while (growing)
        {
            growing = false;
            for (var r = 0; r < groups; r++)
            {
                if (regions[r].Count >= quota[r])
                {
                    continue;
                }
                frontiers[r].RemoveWhere(c => owner[c] >= 0);
                if (frontiers[r].Count == 0)
                {
                    continue;
                }
                var seed = tiling.Cells[seeds[r]];
                var next = frontiers[r].MinBy(c => Distance(seed, tiling.Cells[c]));
                frontiers[r].Remove(next);
                owner[next] = r;
                regions[r].Add(next);
                AddFrontier(tiling, member, owner, frontiers[r], next);
                growing = true;
            }
        }

        // Cells no region could reach within its quota join the smallest neighbouring region.
        var left = cells.Where(c => owner[c] < 0).ToList();
        while (left.Count > 0)
        {
            var progressed = false;
            foreach (var c in left)
            {
                var best = -1;
                foreach (var n in tiling.Neighbours(c))
                {
                    if (member.Contains(n) && owner[n] >= 0 && (best < 0 || regions[owner[n]].Count < regions[best].Count))
                    {
                        best = owner[n];
                    }
                }
                if (best >= 0)
                {
                    owner[c] = best;
                    regions[best].Add(c);
                    progressed = true;
                }
            }
            left = left.Where(c => owner[c] < 0).ToList();
            if (!progressed)
            {
                regions[0].AddRange(left); // unreachable for a contiguous input; keeps every cell owned
                break;
            }
        }
        foreach (var region in regions)
        {
            region.Sort();
        }
        // Order the groups as the cells are ordered (north-west first), so codes read like a map.
        regions.Sort((a, b) => a[0].CompareTo(b[0]));
        return regions;
    }

    private static void AddFrontier(LatticeTiling tiling, HashSet<int> member, Dictionary<int, int> owner, SortedSet<int> frontier, int cell)
    {
        foreach (var n in tiling.Neighbours(cell))
        {
            if (member.Contains(n) && owner[n] < 0)
            {
                frontier.Add(n);
            }
        }
    }

    private static List<int> PickSeeds(LatticeTiling tiling, IReadOnlyList<int> cells, int groups)
    {
        var seeds = new List<int> { cells[0] };
        var nearest = cells.ToDictionary(c => c, c => Distance(tiling.Cells[c], tiling.Cells[cells[0]]));
        while (seeds.Count < groups)
        {
            var far = cells.MaxBy(c => nearest[c]);
            seeds.Add(far);
            foreach (var c in cells)
            {
                nearest[c] = Math.Min(nearest[c], Distance(tiling.Cells[c], tiling.Cells[far]));
            }
        }
        return seeds;
    }

    private static double Distance(TileCell a, TileCell b)
    {
        var dx = a.Column - b.Column;
        var dy = a.Row - b.Row;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
