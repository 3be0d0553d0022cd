package pdf

import (
	"math"
	"slices"
	"testing"
)

// TestFitWidths checks that short columns take room from the others in
// proportion to what those can spare, and the total stays.
func TestFitWidths(t *testing.T) {
	tests := []struct {
		name         string
		widths, need []float64
		want         []float64
	}{
		{"every column wide enough", []float64{40, 40, 40}, []float64{10, 20, 30}, []float64{40, 40, 40}},
		{"one short, others can spare", []float64{20, 50, 50}, []float64{30, 10, 40}, []float64{30, 42, 48}},
		{"short beyond what the others spare", []float64{10, 10, 40}, []float64{30, 30, 30}, []float64{15, 15, 30}},
		{"nothing to spare", []float64{10, 20}, []float64{15, 20}, []float64{10, 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.widths)
			got := fitWidths(in, tt.need)
			if !slices.Equal(in, tt.widths) {
				t.Error("fitWidths changed its input")
			}
			for i := range got {
				if math.Abs(got[i]-tt.want[i]) > 1e-9 {
					t.Fatalf("fitWidths(%v, %v) = %v, want %v", tt.widths, tt.need, got, tt.want)
				}
			}
			var sum, wantSum float64
			for i := range got {
				sum += got[i]
				wantSum += tt.widths[i]
			}
			if math.Abs(sum-wantSum) > 1e-9 {
				t.Errorf("total %v, want %v", sum, wantSum)
			}
		})
	}
}
