"""Targets for a person: values straight from data/dri.csv, ULs that may cap food, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from planner.targets import KIDNEY_LIMIT_NEEDED, Profile, ProfileError, energy_band, targets_for, with_overrides


def test_pregnant_teen_calcium():
    t = targets_for(Profile("female", 16, pregnancy_trimester=1)).get("calcium_mg")
    assert (t.min, t.max) == (1300, 3000)


def test_lactation_potassium():
    assert targets_for(Profile("female", 35, lactation_months=3)).get("potassium_mg").min == 2800


def test_pregnancy_values():
    t = targets_for(Profile("female", 28, pregnancy_trimester=2))
    assert t.get("potassium_mg").min == 2900
    assert t.get("magnesium_mg").min == 350
    assert t.get("folate_ug").min == 600
    assert t.get("vitamin_d_ug").max == 100


@pytest.mark.parametrize("profile", [
    Profile("female", 28), Profile("male", 45), Profile("female", 16, pregnancy_trimester=3),
    Profile("female", 40, lactation_months=8), Profile("male", 75), Profile("female", 10),
])
def test_magnesium_ul_never_caps_food(profile):
    t = targets_for(profile)
    assert t.get("magnesium_mg").max is None  # its 350 mg UL is for supplements only
    assert t.get("folate_ug").max is None and t.get("vitamin_e_mg").max is None  # synthetic forms only
    assert t.get("vitamin_a_ug").max is None and t.get("retinol_ug").max is not None  # preformed only
    assert t.get("calcium_mg").max is not None and t.get("zinc_mg").max is not None  # total ULs


def test_kidney_needs_the_doctors_limit_and_invents_none():
    with pytest.raises(ProfileError) as err:
        Profile("female", 60, kidney_or_potassium_drugs=True)
    assert str(err.value) == KIDNEY_LIMIT_NEEDED and "renal dietitian" in KIDNEY_LIMIT_NEEDED
    assert not any(ch.isdigit() for ch in KIDNEY_LIMIT_NEEDED)  # no default number is suggested


def test_kidney_limit_is_a_hard_maximum_with_a_phosphorus_ceiling_and_a_warning():
    t = targets_for(Profile("female", 60, kidney_or_potassium_drugs=True, potassium_max_mg=2000))
    potassium, phosphorus = t.get("potassium_mg"), t.get("phosphorus_mg")
    assert potassium.min is None and potassium.max == 2000
    assert phosphorus.max == 4000  # the UL until the renal dietitian's figure is entered
    assert any("renal dietitian" in w and "2000 mg" in w for w in t.warnings)
    t = targets_for(Profile("female", 60, kidney_or_potassium_drugs=True, potassium_max_mg=2000,
                            phosphorus_max_mg=900))
    assert t.get("phosphorus_mg").max == 900


def test_vegetarian_iron_is_1_8_times_the_rda_and_iodine_is_shown_not_counted():
    pregnant = Profile("female", 28, pregnancy_trimester=2)
    assert targets_for(pregnant).get("iron_mg").min == 27
    veg = targets_for(Profile("female", 30), "vegetarian").get("iron_mg")
    assert veg.min == pytest.approx(18 * 1.8) and "derived" in veg.source
    pregnant_veg = targets_for(pregnant, "vegetarian").get("iron_mg")  # 1.8 x 27 = 48.6 passes the 45 mg UL
    assert pregnant_veg.min == pregnant_veg.max == 45 and "upper limit" in pregnant_veg.note
    iodine = targets_for(pregnant).uncounted[0]
    assert iodine.key == "iodine_ug" and iodine.min == 220 and "not counted" in iodine.note
    assert {"vitamin_c_mg", "phosphorus_mg", "choline_mg"} <= {t.key for t in targets_for(pregnant).nutrients}


@pytest.mark.parametrize("kwargs, message", [
    (dict(sex="male", age=30, pregnancy_trimester=2), "apply to sex .female. only"),
    (dict(sex="female", age=8), "age must be"),
    (dict(sex="female", age=121), "age must be"),
    (dict(sex="female", age=30, pregnancy_trimester=4), "trimester must be 1, 2 or 3"),
    (dict(sex="female", age=12, pregnancy_trimester=1), "ages 14 to 50"),
    (dict(sex="female", age=55, lactation_months=2), "ages 14 to 50"),
    (dict(sex="female", age=30, activity="couch"), "activity must be"),
    (dict(sex="female", age=30, pregnancy_trimester=1, lactation_months=2), "not both"),
    (dict(sex="other", age=30), "sex must be"),
])
def test_bad_profiles_are_refused_clearly(kwargs, message):
    with pytest.raises(ProfileError, match=message):
        Profile(**kwargs)


def test_eer_equation_matches_worked_examples():
    # energy.md: male 30 y, 170 cm, 70 kg, inactive = 2,520.17 kcal; female same body, active = 2,475.55
    low, high, source = energy_band(Profile("male", 30, activity="inactive", height_cm=170, weight_kg=70))
    assert (low, high) == (round(2520.17 * 0.9), round(2520.17 * 1.1))
    low, _, _ = energy_band(Profile("female", 30, activity="active", height_cm=170, weight_kg=70))
    assert low == round(2475.55 * 0.9)
    assert "2023" in source


def test_energy_adds_pregnancy_and_lactation_increments():
    base = energy_band(Profile("female", 30))[0] / 0.9
    assert energy_band(Profile("female", 30, pregnancy_trimester=3))[0] == round((base + 452) * 0.9)
    assert energy_band(Profile("female", 30, lactation_months=2))[0] == round((base + 400) * 0.9)
    assert base == 2000  # DGA: woman 26-30, moderately active (low active)


def test_protein_by_weight():
    t = targets_for(Profile("female", 30, weight_kg=80))
    assert t.get("protein_g").min == 64.0  # 0.8 g/kg


def test_overrides():
    t = targets_for(Profile("female", 30))
    o = with_overrides(t, {"vitamin_d_ug": (20, None), "energy_kcal": (1900, 2300)})
    assert o.get("vitamin_d_ug").min == 20 and o.get("vitamin_d_ug").source.startswith("your override")
    assert (o.energy_min, o.energy_max) == (1900, 2300)
    with pytest.raises(ProfileError, match="above the safe upper limit"):
        with_overrides(t, {"calcium_mg": (None, 5000)})
    with pytest.raises(ProfileError, match="not a sensible amount"):
        with_overrides(t, {"potassium_mg": (-1, None)})
    with pytest.raises(ProfileError, match="above the maximum"):
        with_overrides(t, {"calcium_mg": (2000, 1500)})


def test_cli_targets_json():
    out = subprocess.run([sys.executable, "-m", "planner", "targets", "--sex", "female", "--age", "28",
                          "--pregnancy-trimester", "2", "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data["targets"]["potassium_mg"]["min"] == 2900 and data["targets"]["potassium_mg"]["max"] is None
    assert data["targets"]["potassium_mg"]["unit"] == "mg" and "NASEM 2019" in data["targets"]["potassium_mg"]["source"]
    assert data["energy_kcal"]["min"] < data["energy_kcal"]["max"]
    assert data["profile"]["pregnancy_trimester"] == 2


def test_cli_refuses_a_bad_profile_without_a_traceback():
    out = subprocess.run([sys.executable, "-m", "planner", "targets", "--sex", "male", "--age", "28",
                          "--pregnancy-trimester", "2"], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith("error: ") and "Traceback" not in out.stderr
